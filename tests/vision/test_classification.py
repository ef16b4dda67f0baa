import math

import pytest
import torch

from ailib.vision.classification import (confusion_matrix, per_class_accuracy, plot_confusion_matrix,
                                  plot_per_class_accuracy, show_predictions)
from ailib.plotting import use_korean_font

pytestmark = pytest.mark.filterwarnings("error")  # 빠진 글리프(한글) 경고도 실패로 본다

TARGETS = torch.tensor([0, 0, 0, 1, 1, 2, 2, 2, 2])
PREDICTIONS = torch.tensor([0, 0, 1, 1, 2, 2, 2, 2, 0])


@pytest.fixture(autouse=True)
def korean_font():
    use_korean_font()


def test_confusion_matrix_counts_rows_as_targets_and_columns_as_predictions():
    confusion = confusion_matrix(PREDICTIONS, TARGETS, num_classes=3)
    assert confusion.tolist() == [[2, 1, 0],
                                  [0, 1, 1],
                                  [1, 0, 3]]
    assert confusion.sum() == len(TARGETS)


def test_per_class_accuracy_is_the_diagonal_over_the_row_sum():
    accuracies = per_class_accuracy(confusion_matrix(PREDICTIONS, TARGETS, num_classes=4))
    assert accuracies[:3].tolist() == pytest.approx([2 / 3, 1 / 2, 3 / 4])
    assert math.isnan(accuracies[3])                      # 시험 데이터가 없는 클래스


def test_figures_carry_the_counts_and_names():
    names = ["원", "사각형", "삼각형"]
    confusion = confusion_matrix(PREDICTIONS, TARGETS, num_classes=3)
    fig = plot_confusion_matrix(confusion, names)
    assert [t.get_text() for t in fig.axes[0].texts] == [str(v) for v in confusion.flatten().tolist()]
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == names
    bars = plot_per_class_accuracy(per_class_accuracy(confusion), names)
    assert [round(p.get_height(), 1) for p in bars.axes[0].patches] == [66.7, 50.0, 75.0]
    shown = show_predictions(torch.rand(3, 3, 8, 8), PREDICTIONS[:3], TARGETS[:3], names, ncols=3)
    assert shown.axes[2].get_title() == "예측: 사각형\n정답: 원"
    assert shown.axes[2].title.get_color() == "tab:red" and shown.axes[0].title.get_color() == "black"


@pytest.mark.parametrize("predictions, targets, message", [
    (torch.tensor([0, 1]), torch.tensor([0]), "equal length"),
    (torch.tensor([0, 3]), torch.tensor([0, 1]), "out of range"),
    (torch.tensor([0, 1]), torch.tensor([-1, 1]), "out of range"),
])
def test_bad_input_gives_a_clear_error(predictions, targets, message):
    with pytest.raises(ValueError, match=message):
        confusion_matrix(predictions, targets, num_classes=3)
