"""여러 장이 함께 쓰는 그림 도우미: 한글 글꼴, 학습 곡선과 그 비교, 이미지 격자, 예측 대 정답."""
from __future__ import annotations

import importlib.util
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

if TYPE_CHECKING:
    from ailib.history import History

KOREAN_FONT = "NanumGothic"  # koreanize-matplotlib 패키지가 함께 배포하는 글꼴
LATIN_FONT = "DejaVu Sans"  # matplotlib에 들어 있는 글꼴: 라틴·그리스 문자, 빼기 기호(−), 눈금의 수식


def _korean_font_dir() -> Path:
    """koreanize-matplotlib의 글꼴 폴더. 그 모듈을 가져오면 전역 설정이 바뀌므로 위치만 찾는다."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "한글 글꼴 패키지 koreanize-matplotlib가 없습니다. `pip install koreanize-matplotlib`로 설치하세요. "
            "(koreanize-matplotlib is missing; install it.)"
        )
    return Path(spec.submodule_search_locations[0]) / "fonts"


def use_korean_font() -> None:
    """그림에 한글을 쓸 수 있게 한다: 글자는 DejaVu Sans로 그리고, 그 글꼴에 없는 한글은 NanumGothic으로 채운다.

    순서가 중요하다. 로그 눈금(10⁻¹)처럼 수식(mathtext)으로 그리는 글자는 첫 글꼴만 쓰는데, NanumGothic에는
    빼기 기호(U+2212)가 없다.
    """
    if KOREAN_FONT not in {font.name for font in font_manager.fontManager.ttflist}:
        for path in sorted(_korean_font_dir().glob("*.ttf")):
            font_manager.fontManager.addfont(str(path))
    plt.rcParams["font.family"] = [LATIN_FONT, KOREAN_FONT]
    plt.rcParams["axes.unicode_minus"] = True


def plot_history(history: History, title: str | None = None) -> Figure:
    """손실 곡선과(있으면) 지표 곡선을 나란히 그린다."""
    metrics = sorted({key.split("_", 1)[1] for key in history.keys if "_" in key and key != "epoch"
                      and not key.endswith("_loss") and key.split("_", 1)[0] in ("train", "val")})
    fig, axes = plt.subplots(1, 1 + len(metrics), figsize=(5 * (1 + len(metrics)), 3.5), squeeze=False)
    for ax, name in zip(axes[0], ["loss", *metrics]):
        for phase, label in (("train", "학습(train)"), ("val", "검증(validation)")):
            key = f"{phase}_{name}"
            if key in history.keys:
                ax.plot(history["epoch"], history[key], marker="o", label=label)
        _label_epoch_axes(ax, metric_label(name))
        ax.legend()
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def _label_epoch_axes(ax: Axes, ylabel: str) -> None:
    """가로축이 에폭인 그래프의 공통 꾸밈: 정수 눈금, 축 이름, 격자."""
    ax.set_xlabel("에폭(epoch)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)


_PHASE_NAMES = {"train": "학습", "val": "검증"}
_METRIC_NAMES = {"loss": "손실(loss)", "acc": "정확도(accuracy)", "rmse": "RMSE",
                 "lr": "학습률(learning rate)"}


def metric_label(name: str) -> str:
    """기록 항목 이름(acc, loss, rmse …)을 그림에 쓸 한국어 이름으로 바꾼다. 모르는 이름은 그대로."""
    return _METRIC_NAMES.get(name, name)


def compare_histories(histories: Mapping[str, History], keys: Sequence[str] = ("val_loss",),
                      log_scale: bool = False, title: str | None = None) -> Figure:
    """여러 학습 기록을 한 그림에서 비교한다: 항목(key)마다 그래프 하나, 기록마다 선 하나, 범례는 그림 아래에 하나.

    `log_scale=True`면 손실 그래프(`*_loss`)의 세로축만 로그 눈금으로 그린다 (정확도 같은 지표는 그대로).
    """
    missing = [(name, key) for name, history in histories.items() for key in keys if key not in history.keys]
    if not histories or missing:
        raise ValueError(f"비교할 기록이 없거나 항목이 빠졌습니다: {missing or '기록 없음'} "
                         f"(nothing to compare, or these (run, key) pairs are missing: {missing})")
    fig, axes = plt.subplots(1, len(keys), figsize=(5 * len(keys), 4), squeeze=False, layout="constrained")
    for ax, key in zip(axes[0], keys):
        for name, history in histories.items():
            ax.plot(history["epoch"], history[key], marker="o", markersize=3, label=name)
        phase, _, metric = key.partition("_")
        _label_epoch_axes(ax, f"{_PHASE_NAMES.get(phase, phase)} {metric_label(metric)}")
        if log_scale and metric == "loss":
            ax.set_yscale("log")
    fig.legend(*axes[0][0].get_legend_handles_labels(), loc="outside lower center", ncols=min(len(histories), 6))
    if title:
        fig.suptitle(title)
    return fig


def show_images(images: torch.Tensor | np.ndarray, titles: Sequence[str] | None = None,
                ncols: int = 8, size: float = 1.4) -> Figure:
    """(N, H, W) 또는 (N, C, H, W) 이미지를 격자로 보여 준다. 값은 그림마다 [0, 1]로 맞춘다."""
    images = torch.as_tensor(np.asarray(images)).float()
    if images.ndim == 3:
        images = images.unsqueeze(1)
    if images.ndim != 4 or images.shape[1] not in (1, 3):
        raise ValueError(
            f"이미지는 (N, H, W) 또는 채널이 1·3개인 (N, C, H, W)여야 합니다. 받은 모양: {tuple(images.shape)} "
            f"(images must be (N, H, W) or (N, C, H, W) with C in 1 or 3)"
        )
    n = len(images)
    nrows = max(1, -(-n // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows * 1.15), squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i >= n:
            continue
        image = images[i]
        low, high = image.min(), image.max()
        image = (image - low) / (high - low) if high > low else image * 0
        if image.shape[0] == 1:
            ax.imshow(image[0].numpy(), cmap="gray", vmin=0, vmax=1)
        else:
            ax.imshow(image.permute(1, 2, 0).numpy())
        if titles is not None:
            ax.set_title(titles[i], fontsize=9)
    fig.tight_layout()
    return fig


def plot_predictions(y_true: Sequence[float] | torch.Tensor, y_pred: Sequence[float] | torch.Tensor,
                     unit: str = "", title: str = "예측 대 정답") -> Figure:
    """회귀 결과: 가로축 정답, 세로축 예측. 대각선에 가까울수록 정확하다."""
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    if y_true.shape != y_pred.shape:
        raise ValueError(f"정답 {y_true.shape}과 예측 {y_pred.shape}의 길이가 다릅니다. "
                         f"(y_true and y_pred differ in length.)")
    suffix = f" ({unit})" if unit else ""
    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.scatter(y_true, y_pred, s=14, alpha=0.7, label="시험 데이터")
    low, high = min(y_true.min(), y_pred.min()), max(y_true.max(), y_pred.max())
    ax.plot([low, high], [low, high], color="gray", linestyle="--", label="완벽한 예측 (y = x)")
    ax.set_xlabel(f"정답{suffix}")
    ax.set_ylabel(f"예측{suffix}")
    ax.set_title(title)
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig
