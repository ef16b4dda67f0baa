"""이미지 분할(segmentation)의 마스크와 평가 지표: 픽셀 정확도, IoU, Dice, 그리고 비교용 기준선.

마스크는 (N, H, W) 모양의 bool 텐서다 (True = 동물, False = 배경).
"""
from __future__ import annotations

import torch

PET, BORDER = 0, 2  # Oxford-IIIT Pet 트라이맵 값 (ailib.data.pets: 0 동물, 1 배경, 2 경계선)


def pet_mask(trimaps: torch.Tensor) -> torch.Tensor:
    """트라이맵 → 동물 마스크. 교재처럼 경계선도 동물에 넣는다 (동물 + 경계선 = True)."""
    return (trimaps == PET) | (trimaps == BORDER)


def predict_mask(logits: torch.Tensor, threshold: float = 0.5) -> torch.Tensor:
    """(N, 1, H, W) 로짓 → (N, H, W) 마스크. 로짓이 아니라 시그모이드를 거친 확률을 threshold와 비교한다."""
    return torch.sigmoid(logits.float()).squeeze(1) > threshold


def _check(pred: torch.Tensor, target: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    if pred.shape != target.shape or pred.ndim != 3:
        raise ValueError(
            f"예측과 정답 마스크는 같은 (N, H, W) 모양이어야 합니다. 받은 모양: {tuple(pred.shape)}, "
            f"{tuple(target.shape)} (pred and target masks must share one (N, H, W) shape)"
        )
    return pred.bool(), target.bool()


def pixel_accuracy(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """모든 픽셀 가운데 예측이 정답과 같은 픽셀의 비율."""
    pred, target = _check(pred, target)
    return (pred == target).float().mean()


def iou(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """데이터 전체의 IoU = (교집합 픽셀 수 합) / (합집합 픽셀 수 합). 둘 다 비었으면 1."""
    pred, target = _check(pred, target)
    union = (pred | target).sum()
    return (pred & target).sum() / union if union > 0 else torch.tensor(1.0)


def dice(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """데이터 전체의 Dice 계수 = 2 × 교집합 / (예측 픽셀 수 + 정답 픽셀 수) = 2·IoU / (1 + IoU). 둘 다 비었으면 1."""
    pred, target = _check(pred, target)
    total = pred.sum() + target.sum()
    return 2 * (pred & target).sum() / total if total > 0 else torch.tensor(1.0)


def iou_per_image(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """이미지마다의 IoU, 모양 (N,). 예측과 정답이 둘 다 빈 이미지는 1."""
    pred, target = _check(pred, target)
    intersection = (pred & target).flatten(1).sum(1).float()
    union = (pred | target).flatten(1).sum(1).float()
    return torch.where(union > 0, intersection / union.clamp(min=1), torch.ones_like(union))


def centred_ellipse(count: int, height: int, width: int, fraction: float = 0.5) -> torch.Tensor:
    """기준선: 모든 이미지에 같은, 가운데 놓인 타원 마스크. 축 길이는 가로세로의 fraction배."""
    yy = (torch.arange(height).float() + 0.5 - height / 2) / (fraction * height / 2)
    xx = (torch.arange(width).float() + 0.5 - width / 2) / (fraction * width / 2)
    ellipse = yy[:, None] ** 2 + xx[None, :] ** 2 <= 1
    return ellipse.expand(count, height, width)
