"""다음 날 예측을 견주기: "내일 = 오늘" 기준선과, 두 예측의 RMSE 차이가 잡음보다 큰지.

RMSE 차이의 잡음은 두 곳에서 온다. 학습의 무작위성(씨앗, seed)과, 어느 날들이 평가 기간에 들었는가.
`rmse_gap`은 둘을 함께 다시 뽑는 부트스트랩(bootstrap)으로 95% 구간을 낸다. 이웃한 날의 오차는 서로
닮았으므로 날짜는 하루씩이 아니라 이어진 묶음(block)으로 뽑는다(moving block bootstrap).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def naive_forecast(values: np.ndarray, target_rows: np.ndarray) -> np.ndarray:
    """"내일 = 오늘" 예측: 정답 행 바로 앞 행의 값 values[target_rows − 1]."""
    target_rows = np.asarray(target_rows)
    if target_rows.size and target_rows.min() < 1:
        raise ValueError("정답 행이 0이면 전날 값이 없습니다. 정답 행은 1 이상이어야 합니다. "
                         "(target rows must be >= 1: row 0 has no previous day.)")
    return np.asarray(values)[target_rows - 1]


@dataclass(frozen=True)
class Gap:
    """RMSE(a) − RMSE(b)의 씨앗 평균 value와 95% 부트스트랩 구간 [low, high]. 음수면 a가 덜 틀렸다."""

    value: float
    low: float
    high: float

    @property
    def sign(self) -> int:
        """구간이 0보다 아래면 −1 (a가 낫다), 위면 +1 (b가 낫다), 0을 품으면 0 (잡음 안: 비긴다)."""
        return -1 if self.high < 0 else 1 if self.low > 0 else 0


def rmse_gap(predicted_a: np.ndarray, predicted_b: np.ndarray, actual: np.ndarray, *,
             block: int = 20, draws: int = 2000, seed: int = 0) -> Gap:
    """두 예측의 RMSE 차이 (씨앗마다 짝지어 뺀 뒤 평균)와 그 95% 구간.

    predicted_a, predicted_b: (씨앗 수, 날 수) 또는 (날 수,). 씨앗이 하나뿐인 쪽(기준선)은 모든 씨앗과 짝짓는다.
    부트스트랩 한 번마다 씨앗을 복원 추출하고, 날짜를 block일짜리 이어진 묶음으로 복원 추출한다.
    """
    actual = np.asarray(actual, dtype=np.float64)
    try:
        a, b = np.broadcast_arrays(np.atleast_2d(predicted_a), np.atleast_2d(predicted_b))
    except ValueError:
        raise ValueError(
            f"두 예측의 씨앗 수가 같거나 한쪽이 하나여야 합니다: {np.shape(predicted_a)}, {np.shape(predicted_b)} "
            f"(both predictions need the same number of seeds, or one of them a single row)"
        ) from None
    if a.shape[1] != len(actual) or len(actual) < 2 or block < 1:
        raise ValueError(
            f"예측 {a.shape}의 날 수가 정답 {actual.shape}과 같고 2일 이상이어야 하며, block은 1 이상이어야 "
            f"합니다 (block={block}). (predictions need one value per actual day, at least 2 days, block >= 1.)"
        )
    errors_a, errors_b = (a - actual) ** 2, (b - actual) ** 2
    value = float(np.mean(np.sqrt(errors_a.mean(axis=1)) - np.sqrt(errors_b.mean(axis=1))))
    rng = np.random.default_rng(seed)
    seeds, days = len(a), len(actual)
    block = min(block, days)
    starts = rng.integers(0, days - block + 1, size=(draws, -(-days // block)))
    picked_days = (starts[..., None] + np.arange(block)).reshape(draws, -1)[:, None, :days]
    picked_seeds = rng.integers(0, seeds, size=(draws, seeds))[..., None]
    gaps = (np.sqrt(errors_a[picked_seeds, picked_days].mean(axis=2))
            - np.sqrt(errors_b[picked_seeds, picked_days].mean(axis=2))).mean(axis=1)
    low, high = np.percentile(gaps, [2.5, 97.5])
    return Gap(value, float(low), float(high))
