"""RNN 그림 함수들이 그림을 만든다."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from ailib.sequence import rnn_diagrams  # noqa: E402
from ailib.plotting import use_korean_font  # noqa: E402


@pytest.mark.parametrize("name, axes", [("plot_unrolled", 1), ("plot_neurons", 1), ("plot_step", 1),
                                        ("plot_io_patterns", 4)])
def test_every_diagram_is_a_figure_with_a_title(name, axes):
    use_korean_font()
    fig = getattr(rnn_diagrams, name)()
    assert len(fig.axes) == axes and all(ax.get_title() for ax in fig.axes)
    plt.close(fig)
