"""글 생성(LSTM)용 말뭉치: Tiny Shakespeare와 오프라인 대체 말뭉치.

실제 데이터는 Andrej Karpathy가 char-rnn 저장소에 모아 둔 셰익스피어 희곡 발췌(약 1.1MB, 공개 영역의
글)로, 커밋에 고정한 주소에서 받아 SHA-256으로 확인한다. 대체 말뭉치는 작은 영어 문법(주어·동사·목적어·
장소)에서 씨앗을 고정해 뽑은 문장들이라, 모델이 단어 순서와 문장 구조를 배우는 모습을 볼 수 있다.
"""
from __future__ import annotations

import numpy as np

from ailib.data.download import RemoteFile, fetch
from ailib.data.offline import real_or_standin

TINY_SHAKESPEARE = RemoteFile(
    "text/tinyshakespeare.txt",
    "https://raw.githubusercontent.com/karpathy/char-rnn/6f9487a6fe5b420b7ca9afb0d7c078e37c1d1b4e/"
    "data/tinyshakespeare/input.txt",
    "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed",
)
_SUBJECTS = ("the king", "the queen", "my lord", "the old man", "a young girl", "the soldier", "the poet", "my friend")
_VERBS = ("loves", "sees", "follows", "remembers", "calls", "forgets", "praises", "fears")
_OBJECTS = ("the sea", "the crown", "his brother", "her mother", "the night", "the sword", "the stars", "the city")
_PLACES = ("in the castle", "at dawn", "by the river", "in the garden", "before the war", "after the rain")


def load_text_corpus() -> str:
    """학습용 글 한 덩어리(str). 실제: Tiny Shakespeare 1,115,394자."""
    return real_or_standin(
        "text", lambda: fetch(TINY_SHAKESPEARE).read_text(encoding="utf-8"), grammar_corpus,
        label="텍스트 말뭉치", standin_name="작은 영어 문법에서 뽑은 문장들",
    )


def grammar_corpus(sentences: int = 3000, seed: int = 0) -> str:
    """'The king loves the sea in the castle.' 같은 문장을 한 줄에 하나씩 sentences개."""
    rng = np.random.default_rng(seed)
    lines = []
    for _ in range(sentences):
        words = [rng.choice(_SUBJECTS), rng.choice(_VERBS), rng.choice(_OBJECTS)]
        if rng.random() < 0.5:
            words.append(rng.choice(_PLACES))
        sentence = " ".join(words)
        lines.append(sentence[0].upper() + sentence[1:] + ".")
    return "\n".join(lines) + "\n"
