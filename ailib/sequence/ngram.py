"""세기(count)만으로 만든 언어 모델: n-그램(n-gram)과 더하기-k 평활화(add-k smoothing).

신경망 언어 모델과 비교할 기준선이다. 학습 토큰 열에서 (앞 n-1개, 다음 토큰)의 개수를 세고, 평가 토큰 열의
퍼플렉서티를 잰다. 평활화 정도 k는 평가 열이 아니라 따로 떼어 둔 검증(validation) 열로 고른다(`tune_k`).
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import torch


def _check(stream: torch.Tensor, name: str, vocab_size: int) -> None:
    if stream.ndim != 1 or len(stream) < 2 or int(stream.max()) >= vocab_size or int(stream.min()) < 0:
        raise ValueError(
            f"{name}은(는) 0 이상 vocab_size 미만의 번호로 된 길이 2 이상의 1차원 텐서여야 합니다. "
            f"({name} must be a 1-D tensor of at least 2 ids in [0, vocab_size).)"
        )


def _keys(stream: torch.Tensor, order: int, vocab_size: int) -> tuple[torch.Tensor, torch.Tensor]:
    """위치 1..끝의 (문맥 번호, 문맥·다음 토큰 번호). 열의 앞에 모자란 문맥은 첫 토큰으로 채운다."""
    padded = torch.cat([stream[:1].expand(order - 2), stream])
    context = torch.zeros(len(stream) - 1, dtype=torch.long)
    for offset in range(order - 1):   # 앞 n-1개 토큰을 한 정수로: (a·V + b)·V + …
        context = context * vocab_size + padded[offset:offset + len(context)]
    return context, context * vocab_size + stream[1:]


def _count(keys: torch.Tensor, table: tuple[torch.Tensor, torch.Tensor]) -> torch.Tensor:
    """keys 각각이 정렬된 (고유 키, 개수) 표에서 몇 번 나왔나 (없으면 0)."""
    unique, counts = table
    where = torch.searchsorted(unique, keys).clamp(max=len(unique) - 1)
    return torch.where(unique[where] == keys, counts[where], 0).double()


def ngram_nll(train: torch.Tensor, test: torch.Tensor, vocab_size: int, order: int,
              k: float = 1.0) -> torch.Tensor:
    """test[1:]의 토큰마다 -log P(w | 앞 n-1개), P = (c(앞 n-1개, w) + k) / (c(앞 n-1개) + kV).

    order=1은 유니그램(앞을 보지 않음), 2는 바이그램(앞 1개), 3은 트라이그램(앞 2개).
    """
    if k <= 0:
        raise ValueError(f"k는 0보다 커야 합니다: {k} (k must be positive; zero counts would give infinity)")
    if order < 1:
        raise ValueError(f"order는 1 이상이어야 합니다: {order} (order must be >= 1)")
    _check(train, "train", vocab_size)
    _check(test, "test", vocab_size)
    if order == 1:
        counts = torch.bincount(train, minlength=vocab_size).double()
        return -torch.log((counts[test[1:]] + k) / (counts.sum() + k * vocab_size))
    train_context, train_joint = _keys(train, order, vocab_size)
    test_context, test_joint = _keys(test, order, vocab_size)
    joint = _count(test_joint, torch.unique(train_joint, return_counts=True))
    context = _count(test_context, torch.unique(train_context, return_counts=True))
    return -torch.log((joint + k) / (context + k * vocab_size))


def ngram_perplexity(train: torch.Tensor, test: torch.Tensor, vocab_size: int, order: int,
                     k: float = 1.0) -> float:
    """n-그램의 퍼플렉서티 exp(토큰당 평균 음의 로그 가능도). test[0]은 맞히지 않는다."""
    return math.exp(ngram_nll(train, test, vocab_size, order, k).mean().item())


def tune_k(train: torch.Tensor, valid: torch.Tensor, vocab_size: int, order: int,
           ks: Sequence[float] = (3.0, 1.0, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001)) -> tuple[float, dict[float, float]]:
    """검증 열의 퍼플렉서티가 가장 낮은 k와, k마다의 검증 퍼플렉서티."""
    if not ks:
        raise ValueError("고를 k가 없습니다. ks에 하나 이상 주세요. (ks must not be empty.)")
    scores = {k: ngram_perplexity(train, valid, vocab_size, order, k) for k in ks}
    return min(scores, key=scores.get), scores
