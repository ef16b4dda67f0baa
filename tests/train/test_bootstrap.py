import pytest
import torch

from ailib.train.bootstrap import Interval, paired_bootstrap


def test_interval_sign_says_which_side_of_zero():
    assert Interval(0.5, 0.1, 0.9).sign == 1
    assert Interval(-0.5, -0.9, -0.1).sign == -1
    assert Interval(0.1, -0.2, 0.4).sign == 0


def test_estimate_uses_every_item_and_interval_brackets_it():
    a = torch.arange(100.0)
    interval = paired_bootstrap(lambda index: (a[index] - 40).mean().item(), 100)
    assert interval.estimate == pytest.approx(9.5)           # 평균 49.5 − 40
    assert interval.low < 9.5 < interval.high and interval.sign == 1


def test_identical_methods_tie_and_a_constant_gap_has_no_spread():
    noise = torch.randn(200, generator=torch.Generator().manual_seed(0))
    tie = paired_bootstrap(lambda index: noise[index].mean().item(), 200)
    assert tie.sign == 0                                      # 평균 0 근처의 잡음
    shifted = paired_bootstrap(lambda index: (noise[index] + 1 - noise[index]).mean().item(), 200)
    assert shifted.low == pytest.approx(1.0) and shifted.high == pytest.approx(1.0)


def test_same_seed_same_interval_and_resamples_have_the_right_length():
    lengths = []
    values = torch.rand(50, generator=torch.Generator().manual_seed(1))

    def difference(index: torch.Tensor) -> float:
        lengths.append(len(index))
        return values[index].mean().item()

    first = paired_bootstrap(difference, 50, resamples=20, seed=3)
    assert first == paired_bootstrap(difference, 50, resamples=20, seed=3)
    assert set(lengths) == {50} and len(lengths) == 2 * (20 + 1)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="count >= 2"):
        paired_bootstrap(lambda index: 0.0, 1)
    with pytest.raises(ValueError, match="0 < level < 1"):
        paired_bootstrap(lambda index: 0.0, 10, level=1.0)
