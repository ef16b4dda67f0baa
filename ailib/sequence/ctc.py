"""CTC(Connectionist Temporal Classification): 정렬 없이 글자열을 배우고, 출력 열을 글자열로 읽는다.

번호 0은 빈칸(blank)이고, 글자는 1부터 `len(alphabet)`까지다. 정답 텐서는 (N, L)이고 짧은 정답의
뒤는 0으로 채운다 (0은 글자가 아니므로 길이를 헷갈릴 일이 없다).
"""
from __future__ import annotations

from collections.abc import Sequence

import torch
from torch.nn import functional as F

BLANK = 0


def encode_texts(texts: Sequence[str], alphabet: str) -> torch.Tensor:
    """글자열 N개 → (N, 가장 긴 길이) 번호 텐서 (글자 = 1 + alphabet 안의 위치, 채움 = 0)."""
    index = {char: position + 1 for position, char in enumerate(alphabet)}
    unknown = sorted({char for text in texts for char in text} - set(index))
    if unknown:
        raise ValueError(
            f"alphabet에 없는 글자가 있습니다: {unknown}. (Characters not in the alphabet: {unknown}.)"
        )
    width = max(len(text) for text in texts)
    return torch.tensor([[index[c] for c in text] + [BLANK] * (width - len(text)) for text in texts])


def decode_texts(sequences: Sequence[Sequence[int]], alphabet: str) -> list[str]:
    """번호 열들 → 글자열들 (빈칸 번호 0은 건너뛴다)."""
    return ["".join(alphabet[i - 1] for i in sequence if i != BLANK) for sequence in sequences]


def ctc_loss(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """(N, T, C) 점수와 (N, L) 정답의 CTC 손실 (샘플 평균).

    입력 길이는 이 배치의 T, 정답 길이는 0이 아닌 칸 수: 둘 다 텐서 모양에서 센다 (배치 크기를 가정하지 않는다).
    출력 시점이 모자라 읽을 수 없는 정답(`min_steps` > T)이 있으면 그 샘플을 알려 주며 멈춘다.
    """
    log_probs = F.log_softmax(logits.float(), dim=-1).transpose(0, 1)      # CTCLoss는 (T, N, C)를 받는다
    batch, steps = logits.shape[0], logits.shape[1]
    input_lengths = torch.full((batch,), steps, dtype=torch.long)
    target_lengths = (targets != BLANK).sum(dim=1).cpu()
    _check_feasible(targets, steps)
    return F.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=BLANK)


def min_steps(targets: torch.Tensor) -> torch.Tensor:
    """(N, L) 정답마다 CTC 경로에 필요한 최소 출력 시점 수 = 글자 수 + 이어진 같은 글자 쌍의 수.

    같은 글자가 이어지면 사이에 빈칸이 하나 있어야 두 글자로 남는다 (`77` ← `7-7`).
    """
    letters = targets != BLANK
    repeats = (targets[:, 1:] == targets[:, :-1]) & letters[:, 1:]
    return letters.sum(dim=1) + repeats.sum(dim=1)


def _check_feasible(targets: torch.Tensor, steps: int) -> None:
    """출력 시점 `steps`개로 만들 수 없는 정답이 있으면 ValueError (F.ctc_loss는 무한대나 0을 낼 뿐이다)."""
    needed = min_steps(targets).cpu()
    bad = (needed > steps).nonzero().flatten().tolist()
    if bad:
        shown = ", ".join(f"{i}({int(needed[i])})" for i in bad[:5]) + (" ..." if len(bad) > 5 else "")
        raise ValueError(
            f"출력 시점이 {steps}개뿐이라 읽을 수 없는 정답이 {len(bad)}개 있습니다. 샘플 번호(필요한 시점 수): "
            f"{shown}. 필요한 시점 = 글자 수 + 이어진 같은 글자 쌍의 수입니다. 입력을 넓히거나 너비를 덜 "
            f"줄이는 모델을 쓰세요. (The model gives {steps} output steps, too few for {len(bad)} label(s); "
            f"sample(needed steps): {shown}. Needed = characters + adjacent repeated pairs; use wider images "
            f"or less downsampling.)"
        )


def greedy_decode(logits: torch.Tensor) -> list[list[int]]:
    """(N, T, C) 점수 → 시점마다 가장 높은 번호를 고르고, 이어진 같은 번호를 하나로 합친 뒤 빈칸을 지운다.

    예: [a, a, -, a, b, b] → [a, a, b] (빈칸 '-'이 사이에 있어야 같은 글자가 두 번 남는다).
    """
    return [collapse(path) for path in logits.argmax(dim=-1).tolist()]


def collapse(path: Sequence[int]) -> list[int]:
    """CTC 경로 하나 → 글자 번호들 (반복 합치기, 빈칸 지우기). 첫 시점부터 읽는다."""
    result, previous = [], BLANK
    for index in path:
        if index != previous and index != BLANK:
            result.append(index)
        previous = index
    return result


def sequence_accuracy(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """탐욕적으로 읽은 글자열이 정답과 통째로 같은 비율 (Trainer의 metric으로 쓴다)."""
    return exact_match(greedy_decode(logits), targets)


def exact_match(predicted: Sequence[Sequence[int]], targets: torch.Tensor) -> torch.Tensor:
    """읽은 번호 열이 (N, L) 정답(채운 0은 뺀다)과 통째로 같은 비율."""
    truth = [[i for i in row if i != BLANK] for row in targets.tolist()]
    hits = [list(p) == t for p, t in zip(predicted, truth)]
    return torch.tensor(sum(hits) / len(hits))


def edit_distance(a: Sequence, b: Sequence) -> int:
    """a를 b로 바꾸는 최소 삽입·삭제·치환 횟수 (레벤슈타인 거리)."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        diagonal, row[0] = row[0], i
        for j, y in enumerate(b, start=1):
            diagonal, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, diagonal + (x != y))
    return row[-1]


def character_error_rate(predictions: Sequence[str], references: Sequence[str]) -> float:
    """문자 오류율(CER) = 편집 거리의 합 / 정답 글자 수의 합."""
    if len(predictions) != len(references) or not references:
        raise ValueError(
            "예측과 정답의 개수가 같고 0보다 커야 합니다. (predictions and references must match in number.)"
        )
    errors = sum(edit_distance(p, r) for p, r in zip(predictions, references))
    return errors / sum(len(r) for r in references)
