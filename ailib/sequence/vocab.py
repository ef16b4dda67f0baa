"""토큰화(tokenization)와 어휘(vocabulary): 글 ↔ 정수 번호.

한국어 글을 나누는 세 가지 단위(음절, 자모, 어절), 영어 단어 단위와 그 반대(띄어 붙이기),
그리고 토큰을 번호로 바꾸는 `Vocab`.
어휘에 없는 토큰은 KeyError 대신 `<unk>`(모르는 토큰) 번호가 되고, 길이가 다른 문장을 한 배치로 묶을 때는
`<pad>`(채움) 번호로 뒤를 채운다.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

import torch

PAD, UNK, BOS, EOS = "<pad>", "<unk>", "<s>", "</s>"
SPECIALS = (PAD, UNK, BOS, EOS)


def syllables(text: str) -> list[str]:
    """음절(글자) 단위: '나는 가' → ['나', '는', ' ', '가']. 띄어쓰기도 토큰이다."""
    return list(text)


def jamo(text: str) -> list[str]:
    """자모 단위: 한글 음절을 초성·중성·종성으로 푼다 (유니코드 NFD). '한' → ['ᄒ', 'ᅡ', 'ᆫ']."""
    return list(unicodedata.normalize("NFD", text))


def words(text: str) -> list[str]:
    """어절(띄어쓰기) 단위. 문장 부호는 따로 뗀다: '나는 가.' → ['나는', '가', '.']."""
    return re.findall(r"\w+|[^\w\s]", text)


def english_words(text: str) -> list[str]:
    """영어 단어 단위. 줄임말·숫자는 한 토큰, 문장 부호는 따로: "I'm 2:30." → ["I'm", "2:30", "."]."""
    return re.findall(r"\d+(?:[:.,]\d+)+|\w+(?:['’-]\w+)*|[^\w\s]", text)


def join_english(tokens: Iterable[str]) -> str:
    """english_words()의 반대: 띄어 잇고 문장 부호 앞의 띄어쓰기를 뺀다. ["Hi", "!"] → "Hi!"."""
    text = " ".join(tokens)
    return re.sub(r"([($]) ", r"\1", re.sub(r" ([.,!?;:%)])", r"\1", text))


def join_jamo(tokens: Iterable[str]) -> str:
    """jamo()의 반대: 자모를 다시 음절로 합친다 (유니코드 NFC)."""
    return unicodedata.normalize("NFC", "".join(tokens))


class Vocab:
    """토큰 ↔ 번호 사전. 번호 0~3은 `<pad>`, `<unk>`, `<s>`(시작), `</s>`(끝)."""

    def __init__(self, tokens: Iterable[str]) -> None:
        unique = dict.fromkeys(t for t in tokens if t not in SPECIALS)  # 순서를 지키며 중복 제거
        self.itos: list[str] = [*SPECIALS, *unique]
        self.stoi = {token: index for index, token in enumerate(self.itos)}

    @classmethod
    def build(cls, sequences: Iterable[Sequence[str]], min_count: int = 1) -> "Vocab":
        """토큰 열들에서 min_count번 이상 나온 토큰으로 어휘를 만든다 (많이 나온 순서)."""
        if min_count < 1:
            raise ValueError(f"min_count는 1 이상이어야 합니다: {min_count} (min_count must be >= 1)")
        counts = Counter(token for sequence in sequences for token in sequence)
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return cls(token for token, count in ranked if count >= min_count)

    def __len__(self) -> int:
        return len(self.itos)

    @property
    def pad(self) -> int:
        return self.stoi[PAD]

    @property
    def unk(self) -> int:
        return self.stoi[UNK]

    @property
    def bos(self) -> int:
        return self.stoi[BOS]

    @property
    def eos(self) -> int:
        return self.stoi[EOS]

    def encode(self, tokens: Iterable[str]) -> list[int]:
        """토큰 → 번호. 어휘에 없는 토큰은 `<unk>` 번호."""
        return [self.stoi.get(token, self.unk) for token in tokens]

    def decode(self, indices: Iterable[int], *, strip: bool = True) -> list[str]:
        """번호 → 토큰. strip=True면 `</s>`에서 멈추고 `<pad>`·`<s>`는 뺀다."""
        tokens = []
        for index in indices:
            token = self.itos[int(index)]
            if strip and token == EOS:
                break
            if strip and token in (PAD, BOS):
                continue
            tokens.append(token)
        return tokens


def pad_batch(sequences: Sequence[Sequence[int]], pad: int) -> tuple[torch.Tensor, torch.Tensor]:
    """번호 열들을 (N, 가장 긴 길이) 텐서로 뒤를 pad로 채워 묶는다. (텐서, 길이들)."""
    if not sequences:
        raise ValueError("묶을 문장이 없습니다. (No sequences to pad.)")
    lengths = torch.tensor([len(s) for s in sequences])
    batch = torch.full((len(sequences), int(lengths.max())), pad, dtype=torch.long)
    for row, sequence in enumerate(sequences):
        batch[row, :len(sequence)] = torch.as_tensor(sequence, dtype=torch.long)
    return batch, lengths
