"""학습 곡선: 한 기록의 손실·지표 곡선과, 여러 기록의 비교.

기록은 `History`가 아니어도 된다: 항목 이름 목록 `keys`와 `record["val_loss"]`처럼 항목마다 값의 목록을
돌려주는 객체면 무엇이든 그린다 (`Curves` 규약).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator


class Curves(Protocol):
    """그릴 수 있는 학습 기록: 항목 이름들과, 이름마다 에폭별 값의 목록."""

    @property
    def keys(self) -> list[str]: ...

    def __getitem__(self, key: str) -> list[float]: ...


def plot_history(history: Curves, title: str | None = None) -> Figure:
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
                 "lr": "학습률(learning rate)", "pixel_acc": "픽셀 정확도(pixel accuracy)"}


def metric_label(name: str) -> str:
    """기록 항목 이름(acc, loss, rmse …)을 그림에 쓸 한국어 이름으로 바꾼다. 모르는 이름은 그대로."""
    return _METRIC_NAMES.get(name, name)


def compare_histories(histories: Mapping[str, Curves], keys: Sequence[str] = ("val_loss",),
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
