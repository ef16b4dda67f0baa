"""윈도: 개수 N − 윈도 크기, 정답 날은 입력에 없음, 시간 순서 나눔, 학습 기간만 보는 크기 맞추기."""
import numpy as np
import pytest
import torch
from sklearn.preprocessing import MinMaxScaler, StandardScaler

from ailib.sequence.windows import first_test_row, fit_on_training_rows, sliding_windows


def day_numbers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """특성과 정답이 모두 '몇 번째 날'인 표: 윈도 안에 어느 날이 들었는지 값으로 읽을 수 있다."""
    days = np.arange(n, dtype=np.float32)
    return np.stack([days, days + 0.5], axis=1), days


@pytest.mark.parametrize("n, window", [(100, 30), (967, 30), (50, 7)])
def test_window_count_is_n_minus_window_and_no_window_holds_its_target(n, window):
    features, targets = day_numbers(n)
    windows = sliding_windows(features, targets, window)
    assert len(windows) == n - window
    assert windows.inputs.shape == (n - window, window, 2) and windows.targets.shape == (n - window, 1)
    first_days = windows.inputs[:, 0, 0]
    last_days = windows.inputs[:, -1, 0]
    assert torch.equal(first_days, torch.arange(n - window, dtype=torch.float32))   # 1~30일, 2~31일, …
    assert torch.equal(windows.targets[:, 0], last_days + 1)                          # → 31일, 32일, …
    assert (windows.inputs[..., 0] < windows.targets).all()                           # 정답 날은 입력에 없다
    assert np.array_equal(windows.target_rows, np.arange(window, n))


def test_window_size_is_a_parameter():
    features, targets = day_numbers(40)
    for window in (1, 5, 30, 39):
        assert sliding_windows(features, targets, window).inputs.shape[1] == window
    for bad in (0, 40, 2.5):
        with pytest.raises(ValueError, match="윈도 크기"):
            sliding_windows(features, targets, bad)
    with pytest.raises(ValueError, match="features"):
        sliding_windows(features[:, 0], targets, 5)


def test_split_is_chronological_by_target_day():
    features, targets = day_numbers(100)
    cut = first_test_row(100, 0.2)
    assert cut == 80
    train, test = sliding_windows(features, targets, 30).split(cut)
    assert len(train) == 50 and len(test) == 20
    assert train.targets.max() < cut <= test.targets.min()
    assert test.inputs[0, 0, 0] == 50        # 첫 시험 윈도는 학습 기간의 날(50~79일)로 80일을 예측한다
    with pytest.raises(ValueError, match="first_test_row"):
        sliding_windows(features, targets, 30).split(10)
    with pytest.raises(ValueError, match="test_fraction"):
        first_test_row(100, 1.5)


@pytest.mark.parametrize("make", [MinMaxScaler, StandardScaler])
def test_scaler_sees_only_training_rows(make):
    rng = np.random.default_rng(0)
    values = rng.normal(100, 10, (60, 3))
    scaler = fit_on_training_rows(make(), values, 45)
    changed = values.copy()
    changed[45:] *= 100                                     # 시험 기간 값을 아무리 바꿔도
    other = fit_on_training_rows(make(), changed, 45)
    assert np.allclose(scaler.transform(values), other.transform(values))   # 통계는 그대로다
    assert scaler.n_samples_seen_ == 45
    if make is MinMaxScaler:
        assert np.allclose(scaler.data_max_, values[:45].max(axis=0))
    one_column = fit_on_training_rows(make(), values[:, 0], 45)
    assert one_column.n_features_in_ == 1
    with pytest.raises(ValueError, match="first_test_row"):
        fit_on_training_rows(make(), values, 60)
