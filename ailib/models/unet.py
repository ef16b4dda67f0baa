"""U-Net: 이미지 분할(segmentation)을 위한 인코더–디코더. 같은 해상도의 인코더 특징을 디코더에 이어 붙인다.

`UNet(width=16, depth=3)`은 128×128 입력을 64 → 32 → 16으로 줄였다가(인코더) 전치 합성곱으로 다시
32 → 64 → 128로 키운다(디코더). 디코더의 각 단계는 키운 특징 맵과 인코더의 같은 크기 특징 맵을
채널 방향으로 이어 붙인(concatenate) 뒤 합성곱을 한다. 출력은 픽셀마다의 로짓(logit)이다.
"""
from __future__ import annotations

import torch
from torch import nn


class ConvPair(nn.Sequential):
    """(3×3 합성곱 → 배치 정규화 → ReLU) × 2. 패딩 1이라 가로세로는 그대로다."""

    def __init__(self, in_channels: int, out_channels: int) -> None:
        super().__init__(
            nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels), nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels), nn.ReLU(inplace=True),
        )


class Down(nn.Sequential):
    """인코더 한 단계: 2×2 최대 풀링으로 가로세로를 절반으로 줄이고 ConvPair로 채널을 늘린다."""

    def __init__(self, in_channels: int, out_channels: int) -> None:
        super().__init__(nn.MaxPool2d(2), ConvPair(in_channels, out_channels))


class Up(nn.Module):
    """디코더 한 단계: 전치 합성곱으로 가로세로 2배 → 인코더 특징과 이어 붙이기 → ConvPair."""

    def __init__(self, in_channels: int, out_channels: int) -> None:
        super().__init__()
        self.upsample = nn.ConvTranspose2d(in_channels, out_channels, kernel_size=2, stride=2)
        self.conv = ConvPair(2 * out_channels, out_channels)

    def forward(self, x: torch.Tensor, skip: torch.Tensor) -> torch.Tensor:
        x = self.upsample(x)
        return self.conv(torch.cat([skip, x], dim=1))  # 더하기(ResNet)가 아니라 채널 이어 붙이기


class UNet(nn.Module):
    """채널 width, 2·width, …, 2^depth·width의 U자 모양 네트워크. 출력은 (N, out_channels, H, W) 로짓."""

    def __init__(self, in_channels: int = 3, out_channels: int = 1, width: int = 16, depth: int = 3) -> None:
        super().__init__()
        if depth < 1 or width < 1:
            raise ValueError(f"depth와 width는 1 이상이어야 합니다: depth={depth}, width={width} "
                             f"(depth and width must be at least 1)")
        channels = [width * 2 ** level for level in range(depth + 1)]
        self.depth = depth
        self.stem = ConvPair(in_channels, channels[0])
        self.downs = nn.ModuleList(Down(c_in, c_out) for c_in, c_out in zip(channels, channels[1:]))
        self.ups = nn.ModuleList(Up(c_in, c_out) for c_in, c_out in zip(channels[:0:-1], channels[-2::-1]))
        self.head = nn.Conv2d(channels[0], out_channels, kernel_size=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        factor = 2 ** self.depth
        if x.ndim != 4 or x.shape[-1] % factor or x.shape[-2] % factor:
            raise ValueError(
                f"UNet(depth={self.depth})은 가로세로가 {factor}의 배수인 (N, C, H, W) 배치를 받습니다. "
                f"받은 모양: {tuple(x.shape)} (UNet needs (N, C, H, W) with H and W divisible by {factor})"
            )
        skips = [self.stem(x)]
        for down in self.downs:
            skips.append(down(skips[-1]))
        x = skips.pop()
        for up in self.ups:
            x = up(x, skips.pop())
        return self.head(x)
