"""고정 길이 CNN: 글자 자리마다 분류 머리 하나 (CTC 없이 글자열을 읽는 기준선).

CRNN과 같은 합성곱 몸통과 특징 열을 쓰고, BiLSTM과 CTC 대신 특징 열 전체를 펼친 벡터에서 자리마다 선형
분류기 하나로 자리 `max_length`개의 점수를 낸다. 번호 0은 '끝'(글자 없음)이다: `encode_texts`가 짧은 정답의 뒤를 채우는 번호와 같다.
"""
from __future__ import annotations

from collections.abc import Sequence

import torch
from torch import nn
from torch.nn import functional as F

from ailib.models.crnn import conv_trunk, to_columns
from ailib.sequence.ctc import BLANK, exact_match

END = BLANK


class FixedLengthCNN(nn.Module):
    """(N, C_in, H, width) 이미지 → (N, max_length, num_classes) 자리별 점수. num_classes = 글자 수 + 1 (끝)."""

    def __init__(self, num_classes: int, max_length: int, width: int, in_channels: int = 3,
                 channels: Sequence[int] = (32, 64, 128)) -> None:
        super().__init__()
        self.features = conv_trunk(in_channels, tuple(channels))
        self.columns = width // 2 ** len(channels)
        self.head = nn.Sequential(               # 자리마다 선형 머리 하나 = 출력을 자리 수로 나눈 선형층 하나
            nn.Flatten(), nn.Linear(self.columns * channels[-1], max_length * num_classes),
            nn.Unflatten(1, (max_length, num_classes)),
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        columns = to_columns(self.features(images))
        if columns.shape[1] != self.columns:
            raise ValueError(
                f"특징 열이 {columns.shape[1]}개인데 모델은 {self.columns}개를 기대합니다: 만들 때 준 width와 같은 "
                f"너비의 이미지를 넣으세요. (Got {columns.shape[1]} feature columns, the model expects "
                f"{self.columns}; feed images as wide as the width given to the constructor.)"
            )
        return self.head(columns)


def position_loss(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """(N, P, C) 자리별 점수와 (N, L) 정답(L ≤ P)의 교차 엔트로피: 정답 뒤 빈자리는 '끝'(0)을 맞혀야 한다."""
    positions = logits.shape[1]
    if targets.shape[1] > positions:
        raise ValueError(
            f"정답이 {targets.shape[1]}자리인데 모델의 자리는 {positions}개입니다: max_length를 늘리세요. "
            f"(Labels have {targets.shape[1]} positions, the model {positions}; raise max_length.)"
        )
    padded = F.pad(targets, (0, positions - targets.shape[1]), value=END)
    return F.cross_entropy(logits.float().flatten(0, 1), padded.flatten())


def position_decode(logits: torch.Tensor) -> list[list[int]]:
    """(N, P, C) 점수 → 자리마다 가장 높은 번호를 왼쪽부터 읽고, 처음 나온 '끝'(0)에서 멈춘다."""
    rows = logits.argmax(dim=-1).tolist()
    return [row[:row.index(END)] if END in row else row for row in rows]


def position_accuracy(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """자리별로 읽은 글자열이 정답과 통째로 같은 비율 (Trainer의 metric으로 쓴다)."""
    return exact_match(position_decode(logits), targets)
