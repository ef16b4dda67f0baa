"""짝지은 부트스트랩(paired bootstrap): 같은 시험 데이터에서 잰 두 방법의 차이가 잡음보다 큰가.

시험 항목(이미지, 문장 …) 번호를 중복을 허락해 다시 뽑고, 뽑은 항목들에서 차이를 다시 잰다. 두 방법을
**같은** 항목으로 재므로(짝지음) 항목의 난이도는 상쇄되고, 차이의 흔들림만 남는다. 다시 잰 차이들의
가운데 95%가 신뢰 구간이다. 구간이 0을 품으면 이 시험 데이터로는 두 방법을 가를 수 없다(비김).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class Interval:
    """전체 항목으로 잰 차이 `estimate`와 부트스트랩 신뢰 구간 [`low`, `high`]."""

    estimate: float
    low: float
    high: float

    @property
    def sign(self) -> int:
        """구간 전체가 0보다 크면 1, 작으면 -1, 0을 품으면(잡음 안의 차이) 0."""
        return 1 if self.low > 0 else -1 if self.high < 0 else 0


def paired_bootstrap(difference: Callable[[torch.Tensor], float], count: int, *,
                     resamples: int = 1000, level: float = 0.95, seed: int = 0) -> Interval:
    """`difference(index)`: 항목 번호 텐서 `index`(길이 count)에서 잰 두 방법의 차이.

    번호 0..count-1을 `resamples`번 다시 뽑아 잰 차이들의 `level` 구간(백분위수)을 돌려준다.
    """
    if count < 2 or resamples < 1 or not 0 < level < 1:
        raise ValueError(
            f"항목은 2개 이상, resamples는 1 이상, level은 0과 1 사이여야 합니다: count={count}, "
            f"resamples={resamples}, level={level} (need count >= 2, resamples >= 1, 0 < level < 1)"
        )
    generator = torch.Generator().manual_seed(seed)
    draws = torch.randint(count, (resamples, count), generator=generator)
    values = torch.tensor([float(difference(index)) for index in draws], dtype=torch.float64)
    tail = (1 - level) / 2
    low, high = torch.quantile(values, torch.tensor([tail, 1 - tail], dtype=torch.float64)).tolist()
    return Interval(float(difference(torch.arange(count))), low, high)
