"""주가 예측 RNN: 윈도 (N, 날 수, 특성 수) → 여러 층 `nn.RNN` → 은닉 상태 → MLP → 다음 날 값 (N, 1).

강의 노트대로 초기 은닉 상태 h₀를 직접 만들어 넘기고, 출력 모양은 마지막 MLP가 맞춘다.
기본은 마지막 날의 은닉 상태만 MLP에 넣는다(다 대 일). 그래서 같은 모델이 어떤 윈도 크기에도 돌아간다.
`window=30`을 주면 교재처럼 30일의 은닉 상태를 모두 펼쳐(30 × 8 = 240) MLP에 넣는다. 그러면 윈도 크기가
층 크기에 박혀, 다른 윈도 크기는 받지 않는다.
"""
from __future__ import annotations

import torch
from torch import nn

from ailib.models.mlp import MLP


class PriceRNN(nn.Module):
    """교재의 `nn.RNN(3, 8, num_layers=5)` + MLP(은닉 → 64 → 1). window를 주면 MLP(window × 은닉 → 64 → 1)."""

    def __init__(self, num_features: int = 3, hidden_size: int = 8, num_layers: int = 5,
                 head_hidden: int = 64, window: int | None = None) -> None:
        super().__init__()
        if window is not None and (not isinstance(window, int) or window < 1):
            raise ValueError(f"window는 양의 정수이거나 None이어야 합니다: {window!r} "
                             f"(window must be a positive integer or None)")
        self.window = window
        self.rnn = nn.RNN(num_features, hidden_size, num_layers=num_layers, batch_first=True)
        head_inputs = hidden_size if window is None else window * hidden_size
        self.head = MLP([head_inputs, head_hidden, 1])

    def initial_state(self, batch_size: int, device: torch.device | None = None) -> torch.Tensor:
        """h₀: 0으로 채운 (층 수, 배치 크기, 은닉 크기)."""
        return torch.zeros(self.rnn.num_layers, batch_size, self.rnn.hidden_size, device=device)

    def forward(self, windows: torch.Tensor, h0: torch.Tensor | None = None) -> torch.Tensor:
        days = self.window or "날 수"
        if (windows.ndim != 3 or windows.shape[-1] != self.rnn.input_size
                or self.window not in (None, windows.shape[1])):
            raise ValueError(
                f"입력은 (배치, {days}, 특성 {self.rnn.input_size}개) 모양이어야 합니다. 받은 모양: "
                f"{tuple(windows.shape)}. (windows must be (N, {self.window or 'days'}, "
                f"{self.rnn.input_size}).)"
            )
        if h0 is None:
            h0 = self.initial_state(len(windows), windows.device)
        outputs, _ = self.rnn(windows, h0)       # outputs: (N, 날 수, 은닉 크기)
        if self.window is None:
            return self.head(outputs[:, -1])     # 마지막 날의 은닉 상태 → (N, 1)
        return self.head(outputs)                # 모든 날을 펼쳐(Flatten) → (N, 1)
