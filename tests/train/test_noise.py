import math

import pytest
import torch

from ailib.train.noise import PairedDifference, accuracy_standard_error, paired_difference


def test_standard_error_of_an_accuracy():
    assert accuracy_standard_error(0.5, 100) == pytest.approx(0.05)
    assert accuracy_standard_error(0.9, 500) == pytest.approx(math.sqrt(0.09 / 500))
    assert accuracy_standard_error(1.0, 10) == 0.0


@pytest.mark.parametrize("accuracy, n", [(1.2, 10), (-0.1, 10), (0.5, 0)])
def test_standard_error_rejects_bad_input(accuracy, n):
    with pytest.raises(ValueError, match="정확도는 0~1"):
        accuracy_standard_error(accuracy, n)


def test_paired_difference_uses_per_image_differences():
    a = torch.tensor([True, True, False, False])
    b = torch.tensor([True, False, False, False])
    result = paired_difference(a, b)
    assert result.difference == pytest.approx(0.25)
    # 차이 [0, 1, 0, 0]의 표본 표준편차 0.5 / √4
    assert result.standard_error == pytest.approx(0.25)
    assert not result.resolved                       # 0.25는 2 × 0.25 안


def test_paired_error_is_smaller_than_two_separate_errors():
    generator = torch.Generator().manual_seed(0)
    a = torch.rand(2000, generator=generator) < 0.7
    b = a.clone()
    flip = torch.randperm(2000, generator=generator)[:60]
    b[flip] = False                                  # b는 a가 맞힌 것 중 일부를 틀린다
    result = paired_difference(a, b)
    separate = math.hypot(accuracy_standard_error(a.float().mean().item(), 2000),
                          accuracy_standard_error(b.float().mean().item(), 2000))
    assert result.standard_error < separate / 2
    assert result.difference > 0 and result.resolved


def test_identical_methods_are_a_tie():
    same = torch.tensor([True, False, True])
    assert paired_difference(same, same) == PairedDifference(0.0, 0.0)
    assert not paired_difference(same, same).resolved


@pytest.mark.parametrize("a, b", [(torch.ones(3), torch.ones(4)), (torch.ones(1), torch.ones(1)),
                                  (torch.ones(2, 2), torch.ones(2, 2))])
def test_paired_difference_rejects_mismatched_input(a, b):
    with pytest.raises(ValueError, match="같은 이미지 2장 이상"):
        paired_difference(a, b)
