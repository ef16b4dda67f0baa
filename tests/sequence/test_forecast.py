"""다음 날 예측 견주기: 전날 값 기준선, 씨앗과 날짜를 함께 다시 뽑는 RMSE 차이 구간과 그 판정."""
import numpy as np
import pytest

from ailib.sequence.forecast import Gap, naive_forecast, rmse_gap


def walk(days: int = 200, seed: int = 0) -> np.ndarray:
    return np.cumsum(np.random.default_rng(seed).normal(size=days))


def test_naive_forecast_is_the_previous_row():
    values = np.array([10.0, 11.0, 13.0, 12.0])
    assert np.array_equal(naive_forecast(values, np.array([1, 3])), [10.0, 13.0])
    with pytest.raises(ValueError, match="전날"):
        naive_forecast(values, np.array([0, 1]))


def test_gap_value_is_the_seed_mean_of_paired_rmse_differences():
    actual = walk()
    rng = np.random.default_rng(1)
    a = actual + rng.normal(0, 1, (3, len(actual)))
    b = actual + rng.normal(0, 2, (3, len(actual)))
    per_seed = np.sqrt(((a - actual) ** 2).mean(1)) - np.sqrt(((b - actual) ** 2).mean(1))
    gap = rmse_gap(a, b, actual)
    assert gap.value == pytest.approx(per_seed.mean())
    assert gap.low <= gap.value <= gap.high


def test_clear_differences_get_a_sign_and_equal_predictions_tie():
    actual = walk()
    rng = np.random.default_rng(2)
    close = actual + rng.normal(0, 0.5, (3, len(actual)))
    far = actual + rng.normal(0, 3.0, len(actual))              # 씨앗 하나: 모든 씨앗과 짝짓는다
    assert rmse_gap(close, far, actual).sign == -1
    assert rmse_gap(far, close, actual).sign == 1
    same = rmse_gap(close, close, actual)
    assert (same.value, same.low, same.high, same.sign) == (0.0, 0.0, 0.0, 0)


def test_small_differences_inside_the_noise_are_a_tie():
    actual = walk()
    rng = np.random.default_rng(3)
    a = actual + rng.normal(0, 1.0, (3, len(actual)))
    b = actual + rng.normal(0, 1.0, (3, len(actual)))          # 같은 분포에서 온 두 예측
    gap = rmse_gap(a, b, actual)
    assert gap.low < 0 < gap.high and gap.sign == 0


def test_interval_is_reproducible_and_sign_follows_the_interval():
    actual = walk()
    a = actual + np.random.default_rng(4).normal(0, 1, (2, len(actual)))
    b = actual + np.random.default_rng(5).normal(0, 1, len(actual))
    assert rmse_gap(a, b, actual, seed=7) == rmse_gap(a, b, actual, seed=7)
    assert rmse_gap(a, b, actual, seed=7).value == rmse_gap(a, b, actual, seed=8).value
    assert Gap(0.5, 0.1, 0.9).sign == 1 and Gap(-0.5, -0.9, -0.1).sign == -1 and Gap(0.1, -0.1, 0.3).sign == 0


def test_rejects_mismatched_shapes():
    actual = walk(50)
    with pytest.raises(ValueError, match="씨앗 수"):
        rmse_gap(np.zeros((3, 50)), np.zeros((2, 50)), actual)
    with pytest.raises(ValueError, match="날 수"):
        rmse_gap(np.zeros((3, 49)), np.zeros(49), actual)
    with pytest.raises(ValueError, match="block"):
        rmse_gap(np.zeros(50), np.zeros(50), actual, block=0)
