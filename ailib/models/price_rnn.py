"""주가 예측 RNN: 윈도 (N, 날 수, 특성 수) → 여러 층 `nn.RNN` → 마지막 날의 은닉 상태 → MLP → 다음 날 값 (N, 1).

강의 노트대로 초기 은닉 상태 h₀를 직접 만들어 넘기고, 출력 모양은 마지막 MLP가 맞춘다.
교재는 30일의 은닉 상태를 모두 펼쳐(30 × 8 = 240) 완전연결층에 넣어 윈도 크기가 층 크기에 박혀 있다.
여기서는 마지막 날의 은닉 상태만 쓰므로 같은 모델이 어떤 윈도 크기에도 그대로 돌아간다.
"""
from __future__ import annotations

import torch
from torch import nn

from ailib.models.mlp import MLP


class PriceRNN(nn.Module):
    """교재의 `nn.RNN(3, 8, num_layers=5)` + MLP(은닉 → 64 → 1)."""

    def __init__(self, num_features: int = 3, hidden_size: int = 8, num_layers: int = 5,
                 head_hidden: int = 64) -> None:
        super().__init__()
        self.rnn = nn.RNN(num_features, hidden_size, num_layers=num_layers, batch_first=True)
        self.head = MLP([hidden_size, head_hidden, 1])

    def initial_state(self, batch_size: int, device: torch.device | None = None) -> torch.Tensor:
        """h₀: 0으로 채운 (층 수, 배치 크기, 은닉 크기)."""
        return torch.zeros(self.rnn.num_layers, batch_size, self.rnn.hidden_size, device=device)

    def forward(self, windows: torch.Tensor, h0: torch.Tensor | None = None) -> torch.Tensor:
        if windows.ndim != 3 or windows.shape[-1] != self.rnn.input_size:
            raise ValueError(
                f"입력은 (배치, 날 수, 특성 {self.rnn.input_size}개) 모양이어야 합니다. 받은 모양: "
                f"{tuple(windows.shape)}. (windows must be (N, days, {self.rnn.input_size}).)"
            )
        if h0 is None:
            h0 = self.initial_state(len(windows), windows.device)
        outputs, _ = self.rnn(windows, h0)       # outputs: (N, 날 수, 은닉 크기)
        return self.head(outputs[:, -1])         # 마지막 날의 은닉 상태 → (N, 1)
