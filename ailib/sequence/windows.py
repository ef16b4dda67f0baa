"""시계열을 윈도(sliding window)로 자르기: 미래를 엿보지 않게 나누고 크기를 맞춘다.

강의 노트의 넷플릭스 예제처럼 1~30번째 날로 31번째 날을, 2~31번째 날로 32번째 날을 … 예측한다.
윈도 크기는 인자이고, 어느 윈도도 자기 정답 날을 입력에 담지 않는다. 크기 맞추기(scaling)의 통계는
학습 기간의 행만으로 구한다.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import torch


class Scaler(Protocol):
    """scikit-learn의 `MinMaxScaler`, `StandardScaler`처럼 fit / transform / inverse_transform이 있는 것."""

    def fit(self, values: np.ndarray) -> Scaler: ...
    def transform(self, values: np.ndarray) -> np.ndarray: ...
    def inverse_transform(self, values: np.ndarray) -> np.ndarray: ...


@dataclass(frozen=True)
class Windows:
    """윈도 묶음. inputs (M, 윈도 크기, 특성 수), targets (M, 1), target_rows (M,): 각 정답이 원래 표의 몇 번째 행인가."""

    inputs: torch.Tensor
    targets: torch.Tensor
    target_rows: np.ndarray

    def __len__(self) -> int:
        return len(self.targets)

    def split(self, first_test_row: int) -> tuple[Windows, Windows]:
        """정답 날이 first_test_row보다 앞이면 학습, 아니면 시험 윈도 (시간 순서대로 나눈다)."""
        is_test = self.target_rows >= first_test_row
        if is_test.all() or not is_test.any():
            raise ValueError(
                f"first_test_row={first_test_row}이면 학습이나 시험 윈도가 하나도 없습니다 (정답 행 "
                f"{self.target_rows[0]}…{self.target_rows[-1]}). (first_test_row leaves one side empty.)"
            )
        return self._take(~is_test), self._take(is_test)

    def _take(self, mask: np.ndarray) -> Windows:
        index = torch.from_numpy(np.flatnonzero(mask))
        return Windows(self.inputs[index], self.targets[index], self.target_rows[mask])


def sliding_windows(features: np.ndarray, targets: np.ndarray, window: int) -> Windows:
    """features (N, F)와 targets (N,)에서 윈도 N − window개를 만든다.

    i번째 윈도(0부터)의 입력은 i … i + window − 1번째 행, 정답은 i + window번째 행의 targets 값이다.
    """
    features = np.asarray(features, dtype=np.float32)
    targets = np.asarray(targets, dtype=np.float32)
    if features.ndim != 2 or targets.shape != (len(features),):
        raise ValueError(
            f"features는 (N, 특성 수), targets는 (N,) 모양이어야 합니다. 받은 모양: {features.shape}, "
            f"{targets.shape}. (features must be (N, F) and targets (N,).)"
        )
    if not isinstance(window, int) or not 1 <= window < len(features):
        raise ValueError(
            f"윈도 크기는 1 이상 {len(features) - 1} 이하의 정수여야 합니다: {window!r} "
            f"(window must be an integer in [1, N - 1] for N = {len(features)})"
        )
    count = len(features) - window
    rows = np.arange(count)[:, None] + np.arange(window)[None, :]    # (M, window) 행 번호
    target_rows = np.arange(window, len(features))
    return Windows(torch.from_numpy(features[rows]), torch.from_numpy(targets[target_rows]).unsqueeze(1),
                   target_rows)


def first_test_row(num_rows: int, test_fraction: float) -> int:
    """시간 순서로 나눌 때 시험 기간이 시작하는 행: 마지막 test_fraction만큼이 시험 기간이다."""
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction은 0과 1 사이여야 합니다: {test_fraction!r} "
                         f"(test_fraction must be in (0, 1))")
    return num_rows - round(num_rows * test_fraction)


def fit_on_training_rows(scaler: Scaler, values: np.ndarray, first_test_row: int) -> Scaler:
    """scaler를 학습 기간의 행(values[:first_test_row])으로만 맞춘다. 시험 기간의 값은 보지 않는다."""
    values = np.asarray(values, dtype=np.float64)
    if values.ndim == 1:
        values = values[:, None]
    if not 0 < first_test_row < len(values):
        raise ValueError(f"first_test_row는 1 이상 {len(values) - 1} 이하여야 합니다: {first_test_row} "
                         f"(first_test_row must leave rows on both sides)")
    return scaler.fit(values[:first_test_row])
