"""다층 퍼셉트론(MLP, multi-layer perceptron): 완전 연결층과 활성화 함수를 번갈아 쌓은 신경망.

`MLP([784, 64, 10])`은 입력 784개 → 은닉 뉴런 64개 → 출력 10개다. 보스턴 집값 회귀와 MNIST 분류가
같은 MLP를 층 크기만 바꿔 쓴다.
"""
from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import torch
from torch import nn

MNIST_PIXELS = 28 * 28
MNIST_CLASSES = 10


class MLP(nn.Sequential):
    """입력을 (N, 특성 수)로 펼친 뒤 Linear → 활성화 → … → Linear. 마지막 층에는 활성화가 없다."""

    def __init__(self, sizes: Sequence[int], activation: type[nn.Module] = nn.ReLU) -> None:
        sizes = tuple(sizes)
        if len(sizes) < 2 or not all(isinstance(n, int) and n > 0 for n in sizes):
            raise ValueError(
                f"sizes는 입력 크기부터 출력 크기까지 양의 정수가 두 개 이상 있어야 합니다. 받은 값: {sizes!r} "
                f"(sizes needs at least two positive integers, e.g. [784, 64, 10])"
            )
        layers: list[nn.Module] = [nn.Flatten()]
        for n_in, n_out in pairwise(sizes):
            if len(layers) > 1:
                layers.append(activation())
            layers.append(nn.Linear(n_in, n_out))
        super().__init__(*layers)
        self.sizes = sizes

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        features = inputs[0].numel() if inputs.ndim >= 2 else None
        if features != self.sizes[0]:
            raise ValueError(
                f"이 MLP는 샘플마다 입력 {self.sizes[0]}개를 받는데, 받은 입력의 모양은 {tuple(inputs.shape)}입니다. "
                f"첫 차원은 배치(N)여야 합니다. (This MLP expects inputs of shape (N, ...) with "
                f"{self.sizes[0]} values per sample.)"
            )
        return super().forward(inputs)


def regression_mlp(num_features: int, hidden: Sequence[int] = (64, 64)) -> MLP:
    """회귀용 MLP: 특성 `num_features`개 → 은닉층들 → 예측값 하나. 출력 모양은 (N, 1)이다."""
    return MLP([num_features, *hidden, 1])


def mnist_mlp(hidden: int = 64) -> MLP:
    """강의 노트의 MNIST 분류기: 28×28 = 784 → 64 → 10. 출력은 숫자 0~9의 로짓(logit)."""
    return MLP([MNIST_PIXELS, hidden, MNIST_CLASSES])
