import warnings

import matplotlib.pyplot as plt
import pytest
import torch

from ailib.train.history import History
from ailib.plotting import plot_predictions, show_images, use_korean_font


@pytest.fixture(autouse=True)
def korean_font():
    use_korean_font()
    yield
    plt.close("all")


def sample_history() -> History:
    return History([{"epoch": 1, "train_loss": 1.0, "val_loss": 1.2, "train_acc": 0.5, "val_acc": 0.4},
                    {"epoch": 2, "train_loss": 0.5, "val_loss": 0.7, "train_acc": 0.8, "val_acc": 0.7}])


def test_history_indexing_and_table():
    history = sample_history()
    assert history["train_loss"] == [1.0, 0.5]
    assert history.to_frame().loc[2, "val_acc"] == 0.7
    with pytest.raises(KeyError, match="있는 항목: epoch, train_loss"):
        history["val_rmse"]
    with pytest.raises(IndexError, match="History is empty"):
        History().last()


def test_history_plot_has_labelled_axes_and_legends():
    fig = sample_history().plot(title="학습 곡선")
    assert len(fig.axes) == 2
    loss_ax, acc_ax = fig.axes
    assert loss_ax.get_xlabel() == "에폭(epoch)" and loss_ax.get_ylabel() == "손실(loss)"
    assert acc_ax.get_ylabel() == "정확도(accuracy)"
    assert [t.get_text() for t in loss_ax.get_legend().get_texts()] == ["학습(train)", "검증(validation)"]


def test_history_plot_labels_are_korean_for_every_metric():
    """그림에 보이는 글자(축 이름, 범례)에 기록 항목의 영어 이름(acc, rmse의 소문자 등)이 그대로 나오지 않는다."""
    history = History([{"epoch": 1, "train_loss": 1.0, "train_rmse": 2.0, "val_loss": 1.1, "val_rmse": 2.1}])
    fig = history.plot()
    labels = [ax.get_ylabel() for ax in fig.axes] + [ax.get_xlabel() for ax in fig.axes]
    assert labels[:2] == ["손실(loss)", "RMSE"]
    assert all(label.split("(")[0].strip() not in ("acc", "loss", "rmse", "epoch") for label in labels)
    assert all(any("\uac00" <= ch <= "\ud7a3" for ch in label) or label == "RMSE" for label in labels)


def test_segmentation_pixel_accuracy_curve_gets_a_korean_label():
    fig = History([{"epoch": 1, "train_loss": 0.5, "train_pixel_acc": 0.9}]).plot()
    assert fig.axes[1].get_ylabel() == "픽셀 정확도(pixel accuracy)"


def test_korean_greek_and_minus_render_without_missing_glyphs():
    fig, ax = plt.subplots()
    ax.semilogy([-2, 2], [1e-3, 10])  # 로그 눈금 10⁻³은 수식(mathtext)으로 그려진다
    ax.set_title("손실 함수 α β γ η θ σ ∇ −1")
    ax.set_xlabel("에폭(epoch)")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()


def test_missing_glyph_is_detected():
    fig, ax = plt.subplots()
    ax.set_title("\N{TIBETAN SYLLABLE OM}")  # 두 글꼴 어디에도 없는 글자
    with pytest.warns(UserWarning, match="missing from font"):
        fig.canvas.draw()


def test_show_images_grid_and_bad_shape():
    fig = show_images(torch.rand(10, 1, 28, 28), titles=[str(i) for i in range(10)], ncols=5)
    assert len(fig.axes) == 10 and fig.axes[3].get_title() == "3"
    show_images(torch.rand(3, 3, 32, 32))
    with pytest.raises(ValueError, match="images must be"):
        show_images(torch.rand(2, 5, 8, 8))


def test_plot_predictions_labels_units_and_rejects_length_mismatch():
    fig = plot_predictions([1, 2, 3], [1.1, 2.1, 2.9], unit="천 달러")
    assert fig.axes[0].get_xlabel() == "정답 (천 달러)"
    with pytest.raises(ValueError, match="differ in length"):
        plot_predictions([1, 2], [1, 2, 3])
