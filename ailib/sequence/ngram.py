"""세기(count)만으로 만든 언어 모델: 유니그램과 바이그램, 더하기-k 평활화(add-k smoothing).

신경망 언어 모델과 비교할 기준선이다. 학습 토큰 열에서 개수를 세고, 같은 평가 토큰 열의 퍼플렉서티를 잰다.
"""
from __future__ import annotations

import math

import torch


def _check(train: torch.Tensor, test: torch.Tensor, vocab_size: int, k: float) -> None:
    if k <= 0:
        raise ValueError(f"k는 0보다 커야 합니다: {k} (k must be positive; zero counts would give infinity)")
    for name, stream in (("train", train), ("test", test)):
        if stream.ndim != 1 or len(stream) < 2 or int(stream.max()) >= vocab_size or int(stream.min()) < 0:
            raise ValueError(
                f"{name}은(는) 0 이상 vocab_size 미만의 번호로 된 길이 2 이상의 1차원 텐서여야 합니다. "
                f"({name} must be a 1-D tensor of at least 2 ids in [0, vocab_size).)"
            )


def unigram_perplexity(train: torch.Tensor, test: torch.Tensor, vocab_size: int, k: float = 1.0) -> float:
    """P(w) = (c(w) + k) / (N + kV). 앞 토큰을 보지 않는다. test[0]은 맞히지 않는다."""
    _check(train, test, vocab_size, k)
    counts = torch.bincount(train, minlength=vocab_size).double()
    log_p = torch.log((counts + k) / (counts.sum() + k * vocab_size))
    return math.exp(-log_p[test[1:]].mean().item())


def bigram_perplexity(train: torch.Tensor, test: torch.Tensor, vocab_size: int, k: float = 1.0) -> float:
    """P(b | a) = (c(a, b) + k) / (c(a) + kV). 바로 앞 토큰 하나만 본다."""
    _check(train, test, vocab_size, k)
    pairs = torch.bincount(train[:-1] * vocab_size + train[1:], minlength=vocab_size ** 2)
    pairs = pairs.double().view(vocab_size, vocab_size)
    log_p = torch.log((pairs + k) / (pairs.sum(dim=1, keepdim=True) + k * vocab_size))
    return math.exp(-log_p[test[:-1], test[1:]].mean().item())
