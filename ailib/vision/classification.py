"""분류 결과 살펴보기: 혼동 행렬, 클래스별 정확도, 예측을 붙인 이미지."""
from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import torch
from matplotlib.figure import Figure

from ailib.plotting import show_images


def confusion_matrix(predictions: torch.Tensor, targets: torch.Tensor, num_classes: int) -> torch.Tensor:
    """(num_classes, num_classes) 정수 행렬. 행은 정답, 열은 예측: [i, j] = 정답 i를 j로 예측한 개수."""
    predictions, targets = predictions.cpu().long(), targets.cpu().long()
    if predictions.shape != targets.shape or predictions.ndim != 1:
        raise ValueError(f"예측과 정답은 같은 길이의 1차원 텐서여야 합니다: {tuple(predictions.shape)}, "
                         f"{tuple(targets.shape)} (predictions and targets must be 1-D of equal length)")
    for name, values in (("예측(predictions)", predictions), ("정답(targets)", targets)):
        if len(values) and (values.min() < 0 or values.max() >= num_classes):
            raise ValueError(f"{name}에 0~{num_classes - 1} 밖의 클래스 번호가 있습니다. num_classes를 확인하세요. "
                             f"(class index out of range 0..{num_classes - 1})")
    counts = torch.bincount(targets * num_classes + predictions, minlength=num_classes * num_classes)
    return counts.view(num_classes, num_classes)


def per_class_accuracy(confusion: torch.Tensor) -> torch.Tensor:
    """클래스마다 맞힌 비율 = 대각선 / 행의 합. 시험 데이터가 없는 클래스는 nan."""
    return confusion.diag().float() / confusion.sum(dim=1).float()


def plot_confusion_matrix(confusion: torch.Tensor, class_names: Sequence[str], title: str = "혼동 행렬") -> Figure:
    """혼동 행렬을 칸마다 개수를 적은 색 지도로 그린다."""
    n = len(class_names)
    fig, ax = plt.subplots(figsize=(0.6 * n + 2.5, 0.6 * n + 2))
    image = ax.imshow(confusion.numpy(), cmap="Blues")
    threshold = confusion.max().item() / 2
    for i in range(n):
        for j in range(n):
            value = confusion[i, j].item()
            ax.text(j, i, str(value), ha="center", va="center", fontsize=8,
                    color="white" if value > threshold else "black")
    ax.set_xticks(range(n), class_names, rotation=45, ha="right")
    ax.set_yticks(range(n), class_names)
    ax.set_xlabel("예측한 클래스")
    ax.set_ylabel("정답 클래스")
    ax.set_title(title)
    fig.colorbar(image, ax=ax, label="이미지 수")
    fig.tight_layout()
    return fig


def plot_per_class_accuracy(accuracies: torch.Tensor, class_names: Sequence[str],
                            title: str = "클래스별 정확도") -> Figure:
    """클래스별 정확도 막대그래프와 전체 평균선."""
    fig, ax = plt.subplots(figsize=(max(6.0, 0.7 * len(class_names)), 3.5))
    ax.bar(range(len(class_names)), (accuracies * 100).numpy(), color="tab:blue", label="클래스별 정확도")
    ax.axhline(accuracies.nanmean().item() * 100, color="tab:red", linestyle="--", label="클래스 평균")
    ax.set_xticks(range(len(class_names)), class_names, rotation=45, ha="right")
    ax.set_ylabel("정확도 (%)")
    ax.set_ylim(0, 100)
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    return fig


def show_predictions(images: torch.Tensor, predictions: torch.Tensor, targets: torch.Tensor,
                     class_names: Sequence[str], ncols: int = 8) -> Figure:
    """이미지마다 '예측 / 정답'을 적는다. 틀린 예측은 제목이 빨갛다."""
    titles = [f"예측: {class_names[p]}\n정답: {class_names[t]}" for p, t in zip(predictions.tolist(), targets.tolist())]
    fig = show_images(images, titles=titles, ncols=ncols, size=1.6)
    for ax, p, t in zip(fig.axes, predictions.tolist(), targets.tolist()):
        ax.title.set_color("black" if p == t else "tab:red")
    width, height = fig.get_size_inches()
    fig.set_size_inches(width, height * 1.2)  # 두 줄짜리 제목이 윗줄 그림과 겹치지 않게 세로로 늘린다
    fig.tight_layout()
    return fig
