"""생성 모델의 모드 덮기(mode coverage): 분류기가 센 클래스 비율을 진짜 데이터의 비율과 비교한다.

한 실행을 수 두 개로 요약한다. KL 발산 KL(생성 ‖ 진짜) = Σ p_k log(p_k / q_k)(0이면 두 분포가 같다)와,
비율이 `rare_below`(기본 5%, 열 클래스가 고르면 10%씩)보다 작은 **드문 클래스**의 목록이다.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch


def class_shares(labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    """정수 레이블 (N,) → 클래스별 비율 (num_classes,), 합은 1."""
    labels = labels.cpu().long()
    if labels.ndim != 1 or len(labels) == 0 or labels.min() < 0 or labels.max() >= num_classes:
        raise ValueError(
            f"레이블은 0~{num_classes - 1}의 정수가 하나 이상 든 1차원 텐서여야 합니다: 모양 {tuple(labels.shape)} "
            f"(labels must be a non-empty 1-D tensor of class indices 0..{num_classes - 1})"
        )
    return torch.bincount(labels, minlength=num_classes).double() / len(labels)


def kl_divergence(p: torch.Tensor, q: torch.Tensor) -> float:
    """KL(p ‖ q) = Σ p_k log(p_k / q_k), 자연로그(nat). p_k = 0인 항은 0으로 친다."""
    p, q = p.double(), q.double()
    if p.shape != q.shape or p.ndim != 1:
        raise ValueError(f"두 분포는 같은 길이의 1차원 텐서여야 합니다: {tuple(p.shape)}, {tuple(q.shape)} "
                         f"(both distributions must be 1-D of equal length)")
    if bool(((q == 0) & (p > 0)).any()):
        raise ValueError("q가 0인 클래스에 p가 확률을 줍니다: KL이 무한대입니다. 기준 분포 q에 모든 클래스가 "
                         "들어 있게 하세요. (q is 0 where p is not: the KL divergence is infinite.)")
    kept = p > 0
    return float((p[kept] * (p[kept] / q[kept]).log()).sum())


@dataclass(frozen=True)
class Coverage:
    """생성한 표본의 클래스 비율 `shares`, 기준 비율 `reference`, KL(shares ‖ reference), 드문 클래스들."""

    shares: torch.Tensor
    reference: torch.Tensor
    kl: float
    rare: tuple[int, ...]

    @property
    def drop_one_kl(self) -> float:
        """비교 눈금: 기준 분포에서 가장 드문 클래스 하나를 통째로 빼고 나머지를 그대로 키운 분포의 KL
        = -log(1 - 그 클래스의 비율). KL이 이보다 크면 클래스 하나를 잃은 것만큼 치우친 것이다."""
        return -math.log(1 - float(self.reference.min()))


def class_coverage(predicted: torch.Tensor, reference: torch.Tensor, num_classes: int = 10,
                   rare_below: float = 0.05) -> Coverage:
    """predicted: 생성한 표본마다 분류기가 고른 클래스, reference: 진짜 데이터의 레이블 (둘 다 (N,))."""
    shares, target = class_shares(predicted, num_classes), class_shares(reference, num_classes)
    rare = tuple(int(k) for k in torch.nonzero(shares < rare_below).flatten())
    return Coverage(shares, target, kl_divergence(shares, target), rare)
