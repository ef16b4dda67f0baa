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


def box_labels(ax) -> list[str]:
    return [text.get_text() for text in ax.texts if text.get_text()]      # 화살표(빈 글자)는 뺀다


def test_io_pattern_boxes_are_labelled_x_h_y_in_order():
    use_korean_font()
    fig = rnn_diagrams.plot_io_patterns()
    for ax, (ins, outs, steps) in zip(fig.axes, rnn_diagrams.IO_PATTERNS.values()):
        labels = box_labels(ax)
        assert labels == ([f"$h_{{{t}}}$" for t in range(1, steps + 1)]
                          + [f"$x_{{{i}}}$" for i in range(1, len(ins) + 1)]
                          + [f"$y_{{{i}}}$" for i in range(1, len(outs) + 1)])
    plt.close(fig)
