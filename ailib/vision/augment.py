"""배치 단위 데이터 증강과 정규화 (batched augmentation and normalisation).

torchvision의 `RandomCrop`, `RandomHorizontalFlip`, `Normalize`와 같은 일을 하되, 이미지 한 장이 아니라
(N, C, H, W) 배치 전체에 한 번에 한다. 무작위 값은 이미지마다 따로 뽑고, 계산은 배치가 있는 장치(GPU
포함)에서 그대로 한다. `TensorBatches(..., transform=Compose([...]))`처럼 쓴다.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import torch
import torch.nn.functional as F


def _check_images(images: torch.Tensor) -> None:
    if images.ndim != 4:
        raise ValueError(
            f"이미지 배치는 (N, C, H, W) 모양이어야 합니다. 받은 모양: {tuple(images.shape)}. "
            f"이미지 한 장이면 .unsqueeze(0)으로 배치 차원을 붙이세요. "
            f"(images must be a batch of shape (N, C, H, W); add a batch dimension with .unsqueeze(0).)"
        )


def to_float(images: torch.Tensor) -> torch.Tensor:
    """0~255의 uint8 이미지를 0~1의 float32로 바꾼다. 이미 실수형이면 그대로 둔다."""
    return images.float().div(255) if images.dtype == torch.uint8 else images


def channel_mean_std(images: torch.Tensor, chunk_size: int = 10_000) -> tuple[torch.Tensor, torch.Tensor]:
    """채널(RGB)별 평균과 표준편차를 0~1 척도로 잰다. 학습 데이터로만 재야 한다.

    메모리를 아끼려고 `chunk_size`장씩 나눠 합과 제곱합을 모은다 (float64로 더해 오차를 줄인다).
    """
    _check_images(images)
    if len(images) == 0:
        raise ValueError("이미지가 한 장도 없습니다. (images is empty.)")
    total = torch.zeros(images.shape[1], dtype=torch.float64, device=images.device)
    total_sq = torch.zeros_like(total)
    for part in images.split(chunk_size):
        part = to_float(part).double()
        total += part.sum(dim=(0, 2, 3))
        total_sq += part.pow(2).sum(dim=(0, 2, 3))
    count = images.numel() / images.shape[1]
    mean = total / count
    std = (total_sq / count - mean.pow(2)).clamp_min(0).sqrt()
    return mean.float(), std.float()


class RandomCrop:
    """사방을 `padding`칸 0으로 채운 뒤, 원래 크기만큼을 이미지마다 다른 위치에서 잘라 낸다."""

    def __init__(self, padding: int = 4) -> None:
        if not isinstance(padding, int) or padding < 0:
            raise ValueError(f"padding은 0 이상의 정수여야 합니다: {padding!r} (padding must be an int >= 0)")
        self.padding = padding

    def __call__(self, images: torch.Tensor) -> torch.Tensor:
        _check_images(images)
        n, channels, height, width = images.shape
        padded = F.pad(images, (self.padding,) * 4)
        top = torch.randint(0, 2 * self.padding + 1, (n, 1, 1, 1), device=images.device)
        left = torch.randint(0, 2 * self.padding + 1, (n, 1, 1, 1), device=images.device)
        rows = top + torch.arange(height, device=images.device).view(1, 1, height, 1)
        cols = left + torch.arange(width, device=images.device).view(1, 1, 1, width)
        batch = torch.arange(n, device=images.device).view(n, 1, 1, 1)
        channel = torch.arange(channels, device=images.device).view(1, channels, 1, 1)
        return padded[batch, channel, rows, cols]


class RandomHorizontalFlip:
    """이미지마다 확률 `p`로 좌우를 뒤집는다."""

    def __init__(self, p: float = 0.5) -> None:
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"p는 0과 1 사이의 확률이어야 합니다: {p!r} (p must be a probability in [0, 1])")
        self.p = p

    def __call__(self, images: torch.Tensor) -> torch.Tensor:
        _check_images(images)
        flip = torch.rand(len(images), 1, 1, 1, device=images.device) < self.p
        return torch.where(flip, images.flip(-1), images)


class Resize:
    """배치 전체를 `size`×`size`로 늘리거나 줄인다 (쌍선형 보간, bilinear). 새 픽셀은 주변 픽셀의 가중 평균이다."""

    def __init__(self, size: int) -> None:
        if not isinstance(size, int) or size < 1:
            raise ValueError(f"size는 1 이상의 정수여야 합니다: {size!r} (size must be a positive integer)")
        self.size = size

    def __call__(self, images: torch.Tensor) -> torch.Tensor:
        _check_images(images)
        if images.shape[-2:] == (self.size, self.size):
            return images
        return F.interpolate(to_float(images), size=(self.size, self.size), mode="bilinear", align_corners=False)


class Normalize:
    """채널마다 (x − 평균) / 표준편차. 평균과 표준편차는 0~1 척도의 값이다."""

    def __init__(self, mean: Sequence[float] | torch.Tensor, std: Sequence[float] | torch.Tensor) -> None:
        self.mean = torch.as_tensor(mean, dtype=torch.float32).flatten()
        self.std = torch.as_tensor(std, dtype=torch.float32).flatten()
        if self.mean.shape != self.std.shape or bool((self.std <= 0).any()):
            raise ValueError(
                f"평균과 표준편차는 채널 수만큼의 값이어야 하고 표준편차는 0보다 커야 합니다: "
                f"mean={self.mean.tolist()}, std={self.std.tolist()} "
                f"(mean and std need one value per channel, and std must be positive)"
            )

    def __call__(self, images: torch.Tensor) -> torch.Tensor:
        _check_images(images)
        if not images.is_floating_point():
            raise ValueError("정규화 전에 to_float로 0~1 실수로 바꾸세요. (Convert images with to_float first.)")
        if images.shape[1] != len(self.mean):
            raise ValueError(
                f"이미지의 채널 수 {images.shape[1]}와 평균·표준편차의 개수 {len(self.mean)}가 다릅니다. "
                f"(image channels {images.shape[1]} != {len(self.mean)} mean/std values)"
            )
        if self.mean.device != images.device:  # 한 번만 옮긴다: 배치마다 CPU→GPU 복사를 하면 GPU가 기다린다
            self.mean, self.std = self.mean.to(images.device), self.std.to(images.device)
        shape = (1, -1, 1, 1)
        return (images - self.mean.view(shape)) / self.std.view(shape)


class Compose:
    """여러 변환을 차례로 적용한다: `Compose([to_float, RandomCrop(4), Normalize(m, s)])`."""

    def __init__(self, steps: Sequence[Callable[[torch.Tensor], torch.Tensor]]) -> None:
        self.steps = list(steps)

    def __call__(self, images: torch.Tensor) -> torch.Tensor:
        for step in self.steps:
            images = step(images)
        return images
