"""측정의 잡음(noise): 시험 이미지가 유한하면 잰 정확도도 흔들린다.

정확도 p를 이미지 n장으로 재면 표준오차(standard error)는 √(p(1−p)/n)이다. 두 방법을 **같은 이미지**로
재면 이미지마다의 차이(맞힘 1, 틀림 0의 차)로 짝지은(paired) 표준오차를 낸다. 두 방법이 함께 맞히거나 함께
틀린 이미지는 차이가 0이라, 따로 잰 두 표준오차를 합친 것보다 작다. 차이가 표준오차의 두 배 안이면 비긴
것(잡음 안)으로 본다.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch

RESOLVED_AT = 2.0  # 차이가 표준오차의 몇 배를 넘어야 잡음 밖으로 보나 (약 95%)


def accuracy_standard_error(accuracy: float, n: int) -> float:
    """이미지 n장으로 잰 정확도(0~1)의 표준오차 √(p(1−p)/n)."""
    if n < 1 or not 0.0 <= accuracy <= 1.0:
        raise ValueError(
            f"정확도는 0~1, 이미지 수는 1 이상이어야 합니다: accuracy={accuracy}, n={n} "
            f"(accuracy must be in [0, 1] and n >= 1)"
        )
    return math.sqrt(accuracy * (1.0 - accuracy) / n)


@dataclass(frozen=True)
class PairedDifference:
    """같은 이미지로 잰 두 정확도의 차이(a − b)와 그 표준오차. 값은 0~1 척도."""

    difference: float
    standard_error: float

    @property
    def resolved(self) -> bool:
        """차이가 표준오차의 두 배를 넘는가 (넘지 않으면 비긴 것으로 본다)."""
        return abs(self.difference) > RESOLVED_AT * self.standard_error


def paired_difference(correct_a: torch.Tensor, correct_b: torch.Tensor) -> PairedDifference:
    """이미지마다 맞혔는지(True/False) 두 벡터로 정확도 차이 a − b와 짝지은 표준오차를 낸다."""
    if correct_a.shape != correct_b.shape or correct_a.ndim != 1 or len(correct_a) < 2:
        raise ValueError(
            f"같은 이미지 2장 이상에 대한 (N,) 벡터 두 개가 필요합니다. 받은 모양: "
            f"{tuple(correct_a.shape)}, {tuple(correct_b.shape)} "
            f"(need two (N,) vectors over the same N >= 2 images)"
        )
    per_image = correct_a.float() - correct_b.float()
    standard_error = per_image.std().item() / math.sqrt(len(per_image))  # 표본 표준편차 (n − 1)
    return PairedDifference(per_image.mean().item(), standard_error)
