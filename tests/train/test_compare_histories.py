import math
import warnings

import matplotlib.pyplot as plt
import pytest

from ailib.train.history import History
from ailib.plotting import use_korean_font
from ailib.train.curves import compare_histories


@pytest.fixture(autouse=True)
def korean_font():
    use_korean_font()
    yield
    plt.close("all")


def run(losses: list[float]) -> History:
    return History({"epoch": i + 1, "train_loss": v, "val_loss": v + 0.1, "val_acc": 1 - v}
                   for i, v in enumerate(losses))


def test_one_axes_per_key_one_line_per_run_with_korean_labels():
    runs = {"SGD": run([1.0, 0.8, 0.6]), "Adam": run([0.9, 0.4, 0.2])}
    fig = compare_histories(runs, keys=("val_loss", "val_acc"), title="최적화 함수 비교")
    loss_ax, acc_ax = fig.axes
    assert loss_ax.get_ylabel() == "검증 손실(loss)" and acc_ax.get_ylabel() == "검증 정확도(accuracy)"
    assert loss_ax.get_xlabel() == "에폭(epoch)"
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["SGD", "Adam"]   # 범례는 그림에 하나
    assert list(acc_ax.lines[1].get_ydata()) == pytest.approx([0.1, 0.6, 0.8])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()                                  # 한글·글리프 경고 없이 그려진다


def test_a_diverged_run_with_inf_and_nan_still_plots_on_a_log_scale():
    fig = compare_histories({"lr 10": run([2.0, math.inf, math.nan]), "lr 0.1": run([2.0, 1.0, 0.5])},
                            keys=("train_loss", "val_acc"), log_scale=True)
    assert [ax.get_yscale() for ax in fig.axes] == ["log", "linear"]   # 정확도는 로그 눈금으로 그리지 않는다
    fig.canvas.draw()


def test_log_ticks_below_one_render_without_missing_glyphs(caplog):
    """10⁻³ 같은 눈금은 수식(mathtext)으로 그려지므로 첫 글꼴에 빼기 기호(−)가 있어야 한다."""
    fig = compare_histories({"run": run([1e-3, 1e-4, 1e-5])}, keys=("train_loss",), log_scale=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()
    labels = [label.get_text() for label in fig.axes[0].get_yticklabels()]
    assert any("10^{-" in label for label in labels)
    assert "does not have a glyph" not in caplog.text


def test_missing_key_or_no_runs_is_a_clear_error():
    with pytest.raises(ValueError, match=r"\('SGD', 'val_rmse'\)"):
        compare_histories({"SGD": run([1.0])}, keys=("val_rmse",))
    with pytest.raises(ValueError, match="nothing to compare"):
        compare_histories({})
