"""장기 의존성을 재는 도구: 첫 기호 기억하기 과제와, 각 시점의 입력까지 닿는 기울기의 크기.

과제: 길이 T의 시퀀스에서 첫 기호는 정답 기호 A개 중 하나이고, 나머지 T − 1개는 잡음 기호다.
마지막 시점까지 다 읽은 뒤 첫 기호를 맞혀야 한다. 정답은 첫 입력에만 달려 있으므로, 첫 시점까지
기울기가 전해지지 않으면 배울 수 없다. 찍어서 맞힐 확률은 1 / A다.
"""
from __future__ import annotations

import copy
from collections.abc import Iterator

import numpy as np
import torch
import torch.nn.functional as F

from ailib.models.rnn import SequenceClassifier


class FirstTokenTask:
    """`for` 한 바퀴마다 새로 뽑은 배치 `batches`개를 내놓는다 (`Trainer.fit`에 그대로 넘긴다).

    기호 0 … num_answers − 1은 정답 기호, num_answers … num_symbols − 1은 잡음 기호다.
    """

    def __init__(self, length: int, batch_size: int = 64, batches: int = 100, *, num_answers: int = 8,
                 num_noise: int = 8, seed: int = 0) -> None:
        if length < 1 or batch_size < 1 or batches < 1 or num_answers < 2 or num_noise < 1:
            raise ValueError(
                "length, batch_size, batches, num_noise는 1 이상, num_answers는 2 이상이어야 합니다. "
                "(length, batch_size, batches, num_noise must be >= 1 and num_answers >= 2.)"
            )
        self.length, self.batch_size, self.batches = length, batch_size, batches
        self.num_answers, self.num_symbols = num_answers, num_answers + num_noise
        self.generator = torch.Generator().manual_seed(seed)

    def sample(self, count: int) -> tuple[torch.Tensor, torch.Tensor]:
        """기호 (count, length)와 정답 (count,) = 첫 기호."""
        symbols = torch.randint(self.num_answers, self.num_symbols, (count, self.length), generator=self.generator)
        answers = torch.randint(0, self.num_answers, (count,), generator=self.generator)
        symbols[:, 0] = answers
        return symbols, answers

    def __len__(self) -> int:
        return self.batches

    def __iter__(self) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        for _ in range(self.batches):
            yield self.sample(self.batch_size)


def gradient_per_step(model: SequenceClassifier, symbols: torch.Tensor,
                      answers: torch.Tensor) -> np.ndarray:
    """마지막 시점의 손실을 각 시점의 입력 x_t로 미분한 기울기의 크기 ‖∂L/∂x_t‖ (배치 평균), 모양 (T,).

    아주 작은 기울기가 0으로 뭉개지지 않도록 모델의 사본을 float64로 바꿔 계산한다 (원래 모델은 그대로).
    """
    model = copy.deepcopy(model).double()
    inputs = F.one_hot(symbols, model.num_symbols).double()
    inputs.requires_grad_(True)                      # 입력 x_t에 대한 기울기를 구한다
    loss = F.cross_entropy(model.classify(inputs), answers)
    (grad,) = torch.autograd.grad(loss, inputs)      # (N, T, 기호 수)
    return grad.norm(dim=2).mean(dim=0).numpy()      # 시점마다 ‖∂L/∂x_t‖의 배치 평균
