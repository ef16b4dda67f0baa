"""LSTM 언어 모델(language model): 지금까지의 토큰을 읽고 다음 토큰의 확률을 낸다.

임베딩(embedding) → LSTM → 선형층(은닉 크기 → 어휘 크기). 입력 길이는 정해져 있지 않다: 한 토큰이든
천 토큰이든 LSTM이 차례로 읽고, 상태(state)를 돌려받아 이어 읽을 수도 있다. 교재처럼 앞 토큰 몇 개만 보게
하려면 `context_windows`로 자른 창에서 학습하고 `context_perplexity`로 잰다.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import torch
from torch import nn
from torch.nn import functional as F

State = tuple[torch.Tensor, torch.Tensor]


class LSTMLanguageModel(nn.Module):
    """(N, T) 토큰 번호 → (N, T, V) 다음 토큰 점수(logits)."""

    def __init__(self, vocab_size: int, embed_dim: int = 64, hidden_size: int = 256, num_layers: int = 1,
                 dropout: float = 0.0) -> None:
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        self.lstm = nn.LSTM(embed_dim, hidden_size, num_layers, batch_first=True,
                            dropout=dropout if num_layers > 1 else 0.0)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(hidden_size, vocab_size)

    def forward(self, tokens: torch.Tensor, state: State | None = None,
                return_state: bool = False) -> torch.Tensor | tuple[torch.Tensor, State]:
        """return_state=True면 (logits, 마지막 상태)를 돌려준다: 다음 호출에 넘기면 이어서 읽는다."""
        outputs, state = self.lstm(self.embedding(tokens), state)
        logits = self.head(self.dropout(outputs))
        return (logits, state) if return_state else logits


def next_token_loss(logits: torch.Tensor, targets: torch.Tensor, ignore_index: int = -100) -> torch.Tensor:
    """(N, T, V) 점수와 (N, T) 정답의 토큰당 평균 교차 엔트로피 (ignore_index 자리는 뺀다)."""
    return F.cross_entropy(logits.flatten(0, 1).float(), targets.flatten(), ignore_index=ignore_index)


@torch.no_grad()
def stream_nll(model: LSTMLanguageModel, stream: torch.Tensor, chunk: int = 256) -> torch.Tensor:
    """stream[1:]의 토큰마다 음의 로그 가능도 (N-1,). 앞의 모든 토큰을 문맥으로 쓴다.

    조각(chunk)으로 나눠 읽되 LSTM 상태를 다음 조각으로 넘긴다.
    """
    if stream.ndim != 1 or len(stream) < 2:
        raise ValueError("stream은 길이 2 이상의 1차원 텐서여야 합니다. (stream must be 1-D with length >= 2.)")
    model.eval()
    device = next(model.parameters()).device
    stream = stream.to(device)
    state, losses = None, []
    for start in range(0, len(stream) - 1, chunk):
        inputs = stream[start:start + chunk][None]
        targets = stream[start + 1:start + 1 + chunk][None]
        logits, state = model(inputs[:, :targets.shape[1]], state, return_state=True)
        losses.append(F.cross_entropy(logits[0].float(), targets[0], reduction="none"))
    return torch.cat(losses).cpu()


def stream_perplexity(model: LSTMLanguageModel, stream: torch.Tensor, chunk: int = 256) -> float:
    """토큰 열 하나 전체의 퍼플렉서티 exp(토큰당 평균 음의 로그 가능도). stream[0]은 맞히지 않는다."""
    return math.exp(stream_nll(model, stream, chunk).mean().item())


def context_windows(stream: torch.Tensor, context: int) -> tuple[torch.Tensor, torch.Tensor]:
    """stream[1:]의 토큰마다 (바로 앞 context개, 그 토큰). 열의 앞에 모자란 자리는 stream[0]으로 채운다.

    (입력 (N-1, context), 정답 (N-1,)): 교재의 "앞 두 단어로 다음 단어 맞히기"는 context=2.
    """
    if stream.ndim != 1 or len(stream) < 2 or context < 1:
        raise ValueError("stream은 길이 2 이상의 1차원 텐서, context는 1 이상이어야 합니다. "
                         "(stream must be 1-D with length >= 2 and context >= 1.)")
    padded = torch.cat([stream[:1].expand(context - 1), stream])
    return padded.unfold(0, context, 1)[:len(stream) - 1], stream[1:]


def last_token_loss(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """(N, context, V) 점수의 마지막 자리로 (N,) 정답을 맞히는 교차 엔트로피 (창마다 한 번 맞힌다)."""
    return F.cross_entropy(logits[:, -1].float(), targets)


@torch.no_grad()
def context_nll(model: LSTMLanguageModel, stream: torch.Tensor, context: int,
                batch_size: int = 4096) -> torch.Tensor:
    """앞 context개 토큰만 보고 맞힐 때 stream[1:]의 토큰마다 음의 로그 가능도 (N-1,)."""
    model.eval()
    device = next(model.parameters()).device
    inputs, targets = context_windows(stream, context)
    losses = [F.cross_entropy(model(inputs[i:i + batch_size].to(device))[:, -1].float(),
                              targets[i:i + batch_size].to(device), reduction="none")
              for i in range(0, len(targets), batch_size)]
    return torch.cat(losses).cpu()


def context_perplexity(model: LSTMLanguageModel, stream: torch.Tensor, context: int,
                       batch_size: int = 4096) -> float:
    """앞 context개 토큰만 보고 맞힐 때의 퍼플렉서티 (stream_perplexity와 같은 토큰 stream[1:]을 맞힌다)."""
    return math.exp(context_nll(model, stream, context, batch_size).mean().item())


@torch.no_grad()
def generate(model: LSTMLanguageModel, prompt: Sequence[int], length: int, *, temperature: float = 1.0,
             generator: torch.Generator | None = None, stop: int | None = None) -> list[int]:
    """prompt 뒤에 토큰을 length개까지 뽑는다. 확률은 softmax(logits / temperature).

    temperature → 0이면 가장 그럴듯한 토큰만(탐욕적), 클수록 고르게 뽑는다. stop 토큰이 나오면 멈춘다.
    """
    if temperature <= 0:
        raise ValueError(f"temperature는 0보다 커야 합니다: {temperature} (temperature must be positive)")
    if not prompt:
        raise ValueError("prompt가 비어 있습니다. 시작 토큰을 하나 이상 주세요. (prompt must not be empty.)")
    model.eval()
    device = next(model.parameters()).device
    logits, state = model(torch.tensor([list(prompt)], device=device), return_state=True)
    produced: list[int] = []
    for _ in range(length):
        probs = torch.softmax(logits[0, -1].float() / temperature, dim=-1).cpu()
        token = int(torch.multinomial(probs, 1, generator=generator))
        if token == stop:
            break
        produced.append(token)
        logits, state = model(torch.tensor([[token]], device=device), state, return_state=True)
    return produced
