"""순환 신경망(RNN)을 손으로: 가중치 W, U로 쓴 셀과 그것을 `nn.RNN`에 옮겨 담기, 그리고 분류용 RNN.

강의 노트의 식 h_t = f(W · x_t + U · h_{t-1})을 그대로 코드로 옮겼다. 모든 시점이 같은 W와 U를 쓴다.
학습에는 `nn.RNN`, `nn.LSTM`, `nn.GRU`를 쓰고, 이 모듈의 `HandRNN`은 계산을 눈으로 따라갈 때만 쓴다.
"""
from __future__ import annotations

from collections.abc import Callable

import torch
import torch.nn.functional as F
from torch import nn

ACTIVATIONS: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {"tanh": torch.tanh, "relu": torch.relu}
RECURRENT_LAYERS: dict[str, type[nn.RNNBase]] = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


def rnn_step(x: torch.Tensor, h: torch.Tensor, W: torch.Tensor, U: torch.Tensor,
             activation: str = "tanh") -> torch.Tensor:
    """한 시점의 계산 h_t = f(W · x_t + U · h_{t-1}). x: (..., 입력 크기), h: (..., 은닉 크기)."""
    return _activation(activation)(x @ W.T + h @ U.T)


class HandRNN(nn.Module):
    """W(은닉×입력)와 U(은닉×은닉) 두 행렬만 가진 RNN. 편향은 없다 (노트의 식 그대로).

    forward(x, h0): x는 (N, T, 입력 크기), h0는 (N, 은닉 크기). 모든 시점의 은닉 상태 (N, T, 은닉 크기)를
    돌려준다. 마지막 시점의 은닉 상태는 `outputs[:, -1]`이다.
    """

    def __init__(self, W: torch.Tensor, U: torch.Tensor, activation: str = "tanh") -> None:
        super().__init__()
        _activation(activation)
        if W.ndim != 2 or U.ndim != 2 or U.shape != (W.shape[0], W.shape[0]):
            raise ValueError(
                f"W는 (은닉, 입력), U는 (은닉, 은닉) 모양이어야 합니다. 받은 모양: W {tuple(W.shape)}, "
                f"U {tuple(U.shape)}. (W must be (hidden, input) and U (hidden, hidden).)"
            )
        self.W = nn.Parameter(W.detach().clone().float())
        self.U = nn.Parameter(U.detach().clone().float())
        self.activation = activation

    def forward(self, x: torch.Tensor, h0: torch.Tensor) -> torch.Tensor:
        if x.ndim != 3 or x.shape[-1] != self.W.shape[1]:
            raise ValueError(
                f"입력은 (배치 N, 시점 T, 입력 크기 {self.W.shape[1]}) 모양이어야 합니다. 받은 모양: "
                f"{tuple(x.shape)}. (x must be (N, T, {self.W.shape[1]}).)"
            )
        h, states = h0, []
        for t in range(x.shape[1]):          # 같은 W, U를 모든 시점에서 다시 쓴다
            h = rnn_step(x[:, t], h, self.W, self.U, self.activation)
            states.append(h)
        return torch.stack(states, dim=1)

    def to_torch(self) -> nn.RNN:
        """같은 W, U를 담은 `nn.RNN(batch_first=True, bias=False)` (weight_ih_l0 = W, weight_hh_l0 = U)."""
        hidden, inputs = self.W.shape
        rnn = nn.RNN(inputs, hidden, nonlinearity=self.activation, bias=False, batch_first=True)
        with torch.no_grad():
            rnn.weight_ih_l0.copy_(self.W)
            rnn.weight_hh_l0.copy_(self.U)
        return rnn


class SequenceClassifier(nn.Module):
    """기호(정수) 시퀀스 (N, T) → 원-핫 → RNN/LSTM/GRU → 마지막 시점의 은닉 상태 → 클래스 점수 (N, 클래스 수).

    다 대 일(many-to-one) 구조다. `kind`는 "rnn", "lstm", "gru" 중 하나.
    """

    def __init__(self, kind: str, num_symbols: int, hidden_size: int, num_classes: int) -> None:
        super().__init__()
        if kind not in RECURRENT_LAYERS:
            raise ValueError(f"kind는 {', '.join(RECURRENT_LAYERS)} 중 하나여야 합니다: {kind!r} "
                             f"(kind must be one of {', '.join(RECURRENT_LAYERS)})")
        self.kind, self.num_symbols = kind, num_symbols
        self.recurrent = RECURRENT_LAYERS[kind](num_symbols, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, num_classes)

    def forward(self, symbols: torch.Tensor) -> torch.Tensor:
        return self.classify(F.one_hot(symbols, self.num_symbols).float())

    def classify(self, inputs: torch.Tensor) -> torch.Tensor:
        """원-핫(또는 실수) 입력 (N, T, 기호 수)에서 바로 점수를 낸다 (입력에 대한 기울기를 잴 때 쓴다)."""
        outputs, _ = self.recurrent(inputs)
        return self.head(outputs[:, -1])


def open_memory_gates(layer: nn.LSTM | nn.GRU, bias: float) -> None:
    """처음부터 기억을 잘 이어 가도록 LSTM 망각 게이트(또는 GRU 업데이트 게이트)의 편향을 bias로 둔다.

    PyTorch의 기본 초기화에서는 두 게이트가 0.5 근처로 열려, 기억이 시점마다 절반씩 줄어든다.
    편향을 3으로 두면 게이트가 σ(3) ≈ 0.95에서 시작한다. 게이트 순서: LSTM (i, f, g, o), GRU (r, z, n).
    """
    if not isinstance(layer, (nn.LSTM, nn.GRU)):
        raise TypeError(f"nn.LSTM이나 nn.GRU만 받습니다: {type(layer).__name__} (expects nn.LSTM or nn.GRU)")
    gate = slice(layer.hidden_size, 2 * layer.hidden_size)      # 두 번째 묶음: LSTM의 f, GRU의 z
    with torch.no_grad():
        for k in range(layer.num_layers):
            getattr(layer, f"bias_ih_l{k}")[gate] = bias
            getattr(layer, f"bias_hh_l{k}")[gate] = 0.0


def _activation(name: str) -> Callable[[torch.Tensor], torch.Tensor]:
    if name not in ACTIVATIONS:
        raise ValueError(f"활성화 함수는 {', '.join(ACTIVATIONS)} 중 하나여야 합니다: {name!r} "
                         f"(activation must be one of {', '.join(ACTIVATIONS)})")
    return ACTIVATIONS[name]
