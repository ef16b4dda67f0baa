"""합성곱을 손으로: 특징 맵 크기 공식, 반복문으로 쓴 합성곱·패딩·풀링, 그리고 그 과정과 특징 맵을 그리는 그림.

`nn.Conv2d`, `F.pad`, `nn.MaxPool2d`가 하는 일을 작은 텐서에서 숫자로 확인하기 위한 모듈이다.
학습에는 느리니 쓰지 말고, 계산을 눈으로 따라갈 때만 쓴다.
"""
from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

# 강의 노트의 이름 → PyTorch F.pad의 mode 이름
PADDING_MODES = {"zero": "constant", "reflection": "reflect", "replication": "replicate"}
PADDING_NAMES = {"zero": "제로 패딩", "reflection": "반사 패딩", "replication": "복제 패딩"}  # 그림·출력용
POOLING_MODES = ("max", "average")


def _positive_int(name: str, value: int, minimum: int = 1) -> None:
    if not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name}는 {minimum} 이상의 정수여야 합니다: {value!r} "
                         f"({name} must be an integer >= {minimum})")


def feature_map_size(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0) -> int:
    """특징 맵의 한 변 길이 ⌊(n + 2p − k) / s⌋ + 1 (n: 입력, k: 커널, s: 스트라이드, p: 패딩)."""
    _positive_int("input_size", input_size)
    _positive_int("kernel_size", kernel_size)
    _positive_int("stride", stride)
    _positive_int("padding", padding, minimum=0)
    if kernel_size > input_size + 2 * padding:
        raise ValueError(
            f"커널({kernel_size})이 패딩을 더한 입력({input_size} + 2×{padding})보다 큽니다. 커널을 줄이거나 "
            f"패딩을 늘리세요. (The kernel is larger than the padded input; shrink it or pad more.)"
        )
    return (input_size + 2 * padding - kernel_size) // stride + 1


def _as_channels(image: torch.Tensor, name: str = "image") -> torch.Tensor:
    """(H, W) 또는 (C, H, W)를 (C, H, W)로 맞춘다."""
    if image.ndim not in (2, 3):
        raise ValueError(f"{name}는 (H, W) 또는 (C, H, W) 텐서여야 합니다. 받은 모양: {tuple(image.shape)} "
                         f"({name} must be (H, W) or (C, H, W))")
    return image if image.ndim == 3 else image.unsqueeze(0)


def convolve(image: torch.Tensor, kernel: torch.Tensor, stride: int = 1) -> torch.Tensor:
    """커널을 `stride`칸씩 옮기며 겹친 칸끼리 곱해 더한다 (패딩 없음, 편향 없음).

    흑백: image (H, W), kernel (k, k). RGB: image (C, H, W), 필터 (C, k, k) — 채널마다 커널을 곱한 값을
    모두 더해 특징 맵 하나를 만든다. 딥러닝의 "합성곱"은 커널을 뒤집지 않는다 (nn.Conv2d와 같다).
    """
    image, kernel = _as_channels(image), _as_channels(kernel, "kernel")
    if image.shape[0] != kernel.shape[0]:
        raise ValueError(f"이미지 채널 {image.shape[0]}개와 필터의 커널 {kernel.shape[0]}개가 다릅니다. "
                         f"(the filter needs one kernel per image channel)")
    kernel_h, kernel_w = kernel.shape[1:]
    out_h = feature_map_size(image.shape[1], kernel_h, stride)
    out_w = feature_map_size(image.shape[2], kernel_w, stride)
    result = torch.zeros(out_h, out_w, dtype=torch.promote_types(image.dtype, kernel.dtype))
    for i in range(out_h):
        for j in range(out_w):
            window = image[:, i * stride:i * stride + kernel_h, j * stride:j * stride + kernel_w]
            result[i, j] = (window * kernel).sum()
    return result


def pad(image: torch.Tensor, padding: int, mode: str = "zero") -> torch.Tensor:
    """이미지 둘레를 `padding`칸 채운다. mode: zero(0), reflection(가장자리를 거울삼아 반사), replication(가장자리 복사)."""
    if mode not in PADDING_MODES:
        raise ValueError(f"알 수 없는 패딩 방식 {mode!r}. {', '.join(PADDING_MODES)} 중 하나를 고르세요. "
                         f"(unknown padding mode {mode!r})")
    _positive_int("padding", padding, minimum=0)
    channels = _as_channels(image)
    if mode == "reflection" and padding >= min(channels.shape[1:]):
        raise ValueError(f"반사 패딩은 이미지 한 변({min(channels.shape[1:])})보다 작아야 합니다: {padding} "
                         f"(reflection padding must be smaller than the image side)")
    padded = F.pad(channels.float(), (padding,) * 4, mode=PADDING_MODES[mode]).to(image.dtype)
    return padded if image.ndim == 3 else padded[0]


def pool(feature_map: torch.Tensor, size: int = 2, stride: int | None = None, mode: str = "max") -> torch.Tensor:
    """`size`×`size` 창을 `stride`칸씩(기본: size) 옮기며 창마다 최댓값(max) 또는 평균(average)을 남긴다."""
    if mode not in POOLING_MODES:
        raise ValueError(f"풀링 방식은 {' 또는 '.join(POOLING_MODES)}입니다: {mode!r} (mode must be max or average)")
    if feature_map.ndim != 2:
        raise ValueError(f"특징 맵은 (H, W) 텐서여야 합니다. 받은 모양: {tuple(feature_map.shape)} "
                         f"(feature_map must be (H, W))")
    stride = size if stride is None else stride
    out_h = feature_map_size(feature_map.shape[0], size, stride)
    out_w = feature_map_size(feature_map.shape[1], size, stride)
    result = torch.zeros(out_h, out_w)
    for i in range(out_h):
        for j in range(out_w):
            window = feature_map[i * stride:i * stride + size, j * stride:j * stride + size].float()
            result[i, j] = window.max() if mode == "max" else window.mean()
    return result


# ---- 그림 ----------------------------------------------------------------------------------------------

def draw_matrix(ax: Axes, matrix: torch.Tensor, title: str = "", cmap: str | None = "Blues") -> None:
    """작은 행렬을 칸마다 숫자를 적은 격자로 그린다. 색이 진할수록 큰 값이고, cmap=None이면 흰 바탕이다."""
    values = matrix.detach().float().cpu()
    low, high = values.min().item(), values.max().item()
    if cmap is None:
        ax.imshow(torch.zeros_like(values).numpy(), cmap="Greys", vmin=0, vmax=1)
    else:  # 가장 큰 값도 옅은 색이 되도록 색 범위를 넓혀 숫자가 잘 보이게 한다.
        ax.imshow(values.numpy(), cmap=cmap, vmin=low, vmax=high + 0.6 * (high - low) + 1e-6)
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            ax.text(j, i, f"{values[i, j].item():g}", ha="center", va="center", fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title, fontsize=10)


def plot_matrices(matrices: Mapping[str, torch.Tensor], ncols: int | None = None, size: float = 2.2,
                  cmap: str | None = "Blues") -> Figure:
    """{제목: 행렬}을 나란히 그린다."""
    ncols = ncols or len(matrices)
    nrows = -(-len(matrices) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, (title, matrix) in zip(axes.flat, matrices.items()):
        ax.axis("on")
        draw_matrix(ax, matrix, title, cmap)
    fig.tight_layout()
    return fig


def plot_kernel_positions(image: torch.Tensor, kernel: torch.Tensor, stride: int = 1) -> Figure:
    """커널이 `stride`칸씩 움직이는 모든 위치(왼쪽 작은 그림들)와 그 결과인 특징 맵(오른쪽)을 그린다.

    흑백 (H, W) 이미지와 (k, k) 커널만 받는다.
    """
    if image.ndim != 2 or kernel.ndim != 2:
        raise ValueError(f"그림은 흑백 (H, W) 이미지와 (k, k) 커널만 그립니다. 받은 모양: {tuple(image.shape)}, "
                         f"{tuple(kernel.shape)} (plot_kernel_positions draws 2-D images and kernels only)")
    feature_map = convolve(image, kernel, stride)
    out_h, out_w = feature_map.shape
    kernel_h, kernel_w = kernel.shape[-2:]
    fig = plt.figure(figsize=(1.9 * (out_w + 1.3), 1.9 * out_h + 0.4))
    grid = fig.add_gridspec(out_h, out_w + 1, width_ratios=[1] * out_w + [1.3])
    for i in range(out_h):
        for j in range(out_w):
            ax = fig.add_subplot(grid[i, j])
            draw_matrix(ax, image, f"위치 ({i}, {j}): {feature_map[i, j].item():g}", cmap="Greys")
            ax.add_patch(Rectangle((j * stride - 0.5, i * stride - 0.5), kernel_w, kernel_h, fill=True, alpha=0.3,
                                   facecolor="tab:orange", edgecolor="tab:red", linewidth=2))
    draw_matrix(fig.add_subplot(grid[:, -1]), feature_map, f"특징 맵 {out_h}×{out_w}\n(스트라이드 {stride})")
    fig.tight_layout()
    return fig


def plot_padding(image: torch.Tensor, padding: int = 1) -> Figure:
    """같은 (H, W) 이미지에 세 가지 패딩을 한 결과. 굵은 테두리 안이 원래 이미지다."""
    fig = plot_matrices({"원본": image, **{PADDING_NAMES[mode]: pad(image, padding, mode) for mode in PADDING_MODES}})
    height, width = image.shape
    for ax in fig.axes[1:]:
        ax.add_patch(Rectangle((padding - 0.5, padding - 0.5), width, height, fill=False,
                               edgecolor="tab:red", linewidth=2.5))
    return fig


def plot_pooling(feature_map: torch.Tensor, size: int = 2) -> Figure:
    """특징 맵을 `size`×`size` 창으로 나눠 색칠하고, 최대 풀링과 평균 풀링 결과를 나란히 그린다."""
    fig = plot_matrices({"특징 맵": feature_map, f"최대 풀링 {size}×{size}": pool(feature_map, size, mode="max"),
                         f"평균 풀링 {size}×{size}": pool(feature_map, size, mode="average")}, cmap=None)
    colors = plt.get_cmap("tab10").colors
    rows, cols = feature_map.shape[0] // size, feature_map.shape[1] // size
    for n, (i, j) in enumerate((i, j) for i in range(rows) for j in range(cols)):
        fig.axes[0].add_patch(Rectangle((j * size - 0.5, i * size - 0.5), size, size, fill=True, alpha=0.25,
                                        facecolor=colors[n % len(colors)], edgecolor="black"))
        for ax in fig.axes[1:]:
            ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=True, alpha=0.25,
                                   facecolor=colors[n % len(colors)], edgecolor="black"))
    return fig


def most_active_channels(feature_map: torch.Tensor, count: int) -> list[int]:
    """(C, H, W) 특징 맵에서 평균 활성값이 가장 큰 채널 `count`개의 번호(큰 것부터)."""
    if feature_map.ndim != 3:
        raise ValueError(f"특징 맵은 (C, H, W) 텐서여야 합니다. 받은 모양: {tuple(feature_map.shape)} "
                         f"(feature map must be (C, H, W))")
    activity = feature_map.detach().float().abs().mean(dim=(1, 2))
    return activity.argsort(descending=True)[:count].tolist()


def plot_feature_maps(maps: Mapping[str, torch.Tensor], channels: int = 8, size: float = 1.4,
                      most_active: bool = False) -> Figure:
    """{이름: (C, H, W) 특징 맵}을 한 줄에 하나씩 그린다. 줄마다 `channels`개 채널을 흑백으로 보인다.

    `most_active=True`면 처음 채널들 대신 평균 활성값이 가장 큰 채널들을 고른다(ReLU 뒤에는 이 이미지에
    반응하지 않아 온통 0인 채널이 많다).
    """
    for name, feature_map in maps.items():
        if feature_map.ndim != 3:
            raise ValueError(f"{name}: 특징 맵은 (C, H, W) 텐서여야 합니다. 받은 모양: {tuple(feature_map.shape)} "
                             f"(feature maps must be (C, H, W); take one image with maps[0])")
    fig, axes = plt.subplots(len(maps), channels, figsize=(size * channels + 1.5, size * len(maps) * 1.15),
                             squeeze=False)
    for row, (name, feature_map) in zip(axes, maps.items()):
        shown = (most_active_channels(feature_map, channels) if most_active
                 else list(range(min(channels, len(feature_map)))))
        for position, ax in enumerate(row):
            ax.set_xticks([])
            ax.set_yticks([])
            if position >= len(shown):
                ax.axis("off")
                continue
            ax.imshow(feature_map[shown[position]].detach().float().cpu().numpy(), cmap="gray")
            ax.set_title(f"채널 {shown[position]}", fontsize=8)
        row[0].set_ylabel(name, rotation=0, ha="right", va="center", fontsize=10)
    fig.tight_layout()
    return fig
