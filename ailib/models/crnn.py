"""CRNN: 합성곱으로 특징을 뽑고, 그 특징 맵을 왼쪽에서 오른쪽으로 한 열씩 양방향 LSTM이 읽는다.

(N, 3, H, W) 이미지 → 합성곱 블록 3개(가로세로 1/8) → 높이 평균 → (N, W/8, C) 특징 열 → BiLSTM →
(N, W/8, 글자 수 + 1) 점수. 번호 0은 CTC의 빈칸. 높이와 너비는 8의 배수면 아무 값이나 된다.
"""
from __future__ import annotations

import torch
from torch import nn


def conv_block(in_channels: int, out_channels: int) -> nn.Sequential:
    """3×3 합성곱 → 배치 정규화 → ReLU → 2×2 최대 풀링 (가로세로 절반)."""
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=False), nn.BatchNorm2d(out_channels),
        nn.ReLU(inplace=True), nn.MaxPool2d(2),
    )


def conv_trunk(in_channels: int, channels: tuple[int, ...]) -> nn.Sequential:
    """합성곱 블록을 `channels`의 채널 수마다 하나씩 쌓는다 (블록 3개면 가로세로 1/8)."""
    sizes = (in_channels, *channels)
    return nn.Sequential(*(conv_block(a, b) for a, b in zip(sizes, sizes[1:])))


def to_columns(feature_map: torch.Tensor) -> torch.Tensor:
    """(N, C, H, W) 특징 맵 → (N, W, C) 특징 열: 높이를 평균 내고 너비를 시간 축으로 둔다."""
    return feature_map.mean(dim=2).transpose(1, 2)


class CRNN(nn.Module):
    """이미지 → (N, T, num_classes) 점수. T = 너비 / 8, num_classes = 글자 수 + 1 (빈칸)."""

    def __init__(self, num_classes: int, in_channels: int = 3, channels: tuple[int, int, int] = (32, 64, 128),
                 hidden_size: int = 128) -> None:
        super().__init__()
        self.features = conv_trunk(in_channels, channels)
        self.rnn = nn.LSTM(channels[-1], hidden_size, batch_first=True, bidirectional=True)
        self.head = nn.Linear(2 * hidden_size, num_classes)

    def feature_sequence(self, images: torch.Tensor) -> torch.Tensor:
        """(N, 3, H, W) → (N, W/8, C) 특징 열."""
        return to_columns(self.features(images))

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        outputs, _ = self.rnn(self.feature_sequence(images))
        return self.head(outputs)
