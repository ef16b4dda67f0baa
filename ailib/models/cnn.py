"""CIFAR-10용 합성곱 신경망: 기본 블록(BasicBlock) 세 개 + 완전연결층 세 개.

입력 이미지(3×32×32) → 기본 블록 1(32×16×16) → 기본 블록 2(128×8×8) → 기본 블록 3(256×4×4)
→ 평탄화(4096) → FC1 → ReLU → FC2 → ReLU → FC3 → 클래스별 점수(로짓, logit)
"""
from __future__ import annotations

import torch
from torch import nn

IMAGE_SHAPE = (3, 32, 32)  # CIFAR-10 이미지: RGB 3채널, 32×32 픽셀


class BasicBlock(nn.Module):
    """Conv2d → ReLU → Conv2d → ReLU → MaxPool. 채널은 `in → hidden → out`, 가로세로는 절반이 된다.

    이름은 교재를 따랐다. 지름길이 없는 VGG식 블록이라 torchvision의 `BasicBlock`(ResNet의 잔차 블록)과 다르다.
    """

    def __init__(self, in_channels: int, out_channels: int, hidden_channels: int) -> None:
        super().__init__()
        # 3×3 커널에 패딩 1: 합성곱은 가로세로를 그대로 두고, 최대 풀링만 크기를 절반으로 줄인다.
        self.conv1 = nn.Conv2d(in_channels, hidden_channels, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(hidden_channels, out_channels, kernel_size=3, padding=1)
        self.relu = nn.ReLU()
        self.pool = nn.MaxPool2d(kernel_size=2, stride=2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.relu(self.conv1(x))
        x = self.relu(self.conv2(x))
        return self.pool(x)


class CifarCNN(nn.Module):
    """기본 블록 세 개로 특징을 뽑고 완전연결층 세 개로 분류한다 (32×32 → 16×16 → 8×8 → 4×4)."""

    def __init__(self, num_classes: int = 10) -> None:
        super().__init__()
        self.block1 = BasicBlock(in_channels=3, out_channels=32, hidden_channels=16)
        self.block2 = BasicBlock(in_channels=32, out_channels=128, hidden_channels=64)
        self.block3 = BasicBlock(in_channels=128, out_channels=256, hidden_channels=128)
        self.fc1 = nn.Linear(256 * 4 * 4, 2048)
        self.fc2 = nn.Linear(2048, 256)
        self.fc3 = nn.Linear(256, num_classes)
        self.relu = nn.ReLU()

    def block_outputs(self, x: torch.Tensor) -> list[torch.Tensor]:
        """기본 블록 1, 2, 3을 지난 특징 맵(feature map) 세 개."""
        if x.ndim != 4 or tuple(x.shape[1:]) != IMAGE_SHAPE:
            raise ValueError(
                f"CifarCNN은 (N, 3, 32, 32) 이미지 배치를 받습니다. 받은 모양: {tuple(x.shape)}. "
                f"이미지 한 장이면 .unsqueeze(0)을 붙이고, 다른 크기면 32×32로 바꾸세요. "
                f"(CifarCNN expects a batch of shape (N, 3, 32, 32).)"
            )
        maps = []
        for block in (self.block1, self.block2, self.block3):
            x = block(x)
            maps.append(x)
        return maps

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.block_outputs(x)[-1]
        x = torch.flatten(x, start_dim=1)  # 평탄화(flatten): (N, 256, 4, 4) → (N, 4096)
        x = self.relu(self.fc1(x))
        x = self.relu(self.fc2(x))
        return self.fc3(x)
