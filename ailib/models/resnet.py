"""CIFAR-10용 ResNet: 잔차 블록(ResidualBlock) 세 개 + 전역 평균 풀링 + 완전연결층 하나.

torchvision의 `models/resnet.py`와 같은 짜임이다: 작은 블록, 단(stage)을 만드는 `make_stage`
(torchvision의 `_make_layer`), 모양이 바뀔 때만 만드는 다운샘플(1×1 합성곱 + BN).

입력(3×32×32) → 잔차 블록 1(64×32×32) → 평균 풀링(64×16×16) → 잔차 블록 2(128×16×16)
→ 평균 풀링(128×8×8) → 잔차 블록 3(256×8×8) → 전역 평균 풀링(256) → FC → 클래스별 점수(로짓)

`shortcut=False`면 같은 코드로 지름길이 없는 평범한(plain) 쌍둥이를, `batch_norm=False`면 배치 정규화가
없는 쌍둥이를 만든다. 전역 평균 풀링 덕분에 입력 크기가 32×32가 아니어도 된다.
"""
from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn


def conv3x3(in_channels: int, out_channels: int, bias: bool = False) -> nn.Conv2d:
    """3×3 합성곱, 패딩 1 (가로세로 유지). BN을 쓰면 BN의 β가 편향 역할을 하므로 편향을 두지 않는다."""
    return nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1, bias=bias)


def norm_or_identity(channels: int, batch_norm: bool) -> nn.Module:
    """batch_norm=True면 채널별 배치 정규화(nn.BatchNorm2d), 아니면 아무것도 하지 않는 층."""
    return nn.BatchNorm2d(channels) if batch_norm else nn.Identity()


def projection(in_channels: int, out_channels: int, batch_norm: bool = True) -> nn.Sequential:
    """다운샘플(downsample) 지름길: 1×1 합성곱(+ BN)으로 x의 채널 수를 F(x)에 맞춘다."""
    conv = nn.Conv2d(in_channels, out_channels, kernel_size=1, bias=not batch_norm)
    return nn.Sequential(conv, norm_or_identity(out_channels, batch_norm))


class ResidualBlock(nn.Module):
    """잔차 블록: 출력 = ReLU(F(x) + x), F = 합성곱 → BN → ReLU → 합성곱 → BN.

    채널 수가 바뀌면 x를 `downsample`(1×1 합성곱 + BN)로 바꿔 더한다. `shortcut=False`면 더하지 않는
    평범한 블록(ReLU(F(x)))이 된다.
    """

    def __init__(self, in_channels: int, out_channels: int, downsample: nn.Module | None = None, *,
                 shortcut: bool = True, batch_norm: bool = True) -> None:
        super().__init__()
        if shortcut and downsample is None and in_channels != out_channels:
            raise ValueError(
                f"채널 수가 바뀌는 블록({in_channels} → {out_channels})에는 downsample이 필요합니다. "
                f"make_stage를 쓰거나 projection()을 넘기세요. (A block that changes the channel count "
                f"needs a downsample shortcut.)"
            )
        self.conv1 = conv3x3(in_channels, out_channels, bias=not batch_norm)
        self.bn1 = norm_or_identity(out_channels, batch_norm)
        self.conv2 = conv3x3(out_channels, out_channels, bias=not batch_norm)
        self.bn2 = norm_or_identity(out_channels, batch_norm)
        self.relu = nn.ReLU()
        self.downsample = downsample
        self.shortcut = shortcut

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))          # F(x)
        if self.shortcut:
            identity = x if self.downsample is None else self.downsample(x)
            out = out + identity                 # F(x) + x
        return self.relu(out)


def make_stage(in_channels: int, out_channels: int, blocks: int = 1, *, shortcut: bool = True,
               batch_norm: bool = True) -> nn.Sequential:
    """잔차 블록 `blocks`개를 잇는다 (torchvision의 `_make_layer`). 첫 블록만 채널을 바꾸고,
    지름길이 있으면서 모양이 바뀔 때만 다운샘플을 만든다."""
    if blocks < 1:
        raise ValueError(f"blocks는 1 이상이어야 합니다: {blocks} (a stage needs at least one block)")
    downsample = None
    if shortcut and in_channels != out_channels:
        downsample = projection(in_channels, out_channels, batch_norm)
    layers = [ResidualBlock(in_channels, out_channels, downsample, shortcut=shortcut, batch_norm=batch_norm)]
    layers += [ResidualBlock(out_channels, out_channels, shortcut=shortcut, batch_norm=batch_norm)
               for _ in range(1, blocks)]
    return nn.Sequential(*layers)


class CifarResNet(nn.Module):
    """강의 노트와 교재의 ResNet: 잔차 블록 세 개(64 → 128 → 256채널), 블록 사이 2×2 평균 풀링,
    전역 평균 풀링, 완전연결층 하나.

    - `channels`: 세 단의 채널 수, `blocks`: 단마다의 잔차 블록 수 (기본은 노트대로 하나씩).
    - `shortcut=False`: 지름길 없는 평범한 망, `batch_norm=False`: 배치 정규화 없는 망.
    """

    def __init__(self, num_classes: int = 10, *, channels: Sequence[int] = (64, 128, 256),
                 blocks: Sequence[int] = (1, 1, 1), shortcut: bool = True, batch_norm: bool = True) -> None:
        super().__init__()
        if len(channels) != 3 or len(blocks) != 3:
            raise ValueError(f"channels와 blocks는 세 단의 값이어야 합니다: {channels}, {blocks} "
                             f"(channels and blocks need one value per stage, three stages)")
        c1, c2, c3 = channels
        options = {"shortcut": shortcut, "batch_norm": batch_norm}
        self.layer1 = make_stage(3, c1, blocks[0], **options)
        self.layer2 = make_stage(c1, c2, blocks[1], **options)
        self.layer3 = make_stage(c2, c3, blocks[2], **options)
        self.pool = nn.AvgPool2d(kernel_size=2, stride=2)  # 가로세로 절반
        self.avgpool = nn.AdaptiveAvgPool2d(1)             # 전역 평균 풀링: 채널마다 평균 하나
        self.fc = nn.Linear(c3, num_classes)
        for module in self.modules():                     # torchvision과 같은 초기화
            if isinstance(module, nn.Conv2d):
                nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """마지막 잔차 블록의 특징 맵 (N, 256, H/4, W/4)."""
        if x.ndim != 4 or x.shape[1] != 3:
            raise ValueError(
                f"CifarResNet은 (N, 3, H, W) 이미지 배치를 받습니다. 받은 모양: {tuple(x.shape)}. "
                f"이미지 한 장이면 .unsqueeze(0)을 붙이세요. (CifarResNet expects (N, 3, H, W).)"
            )
        x = self.pool(self.layer1(x))
        x = self.pool(self.layer2(x))
        return self.layer3(x)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.avgpool(self.features(x))
        return self.fc(torch.flatten(x, 1))  # (N, 256, 1, 1) → (N, 256)
