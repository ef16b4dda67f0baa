"""CRNN용 캡차(CAPTCHA) 이미지: `captcha` 패키지로 그 자리에서 만든다 (내려받을 것이 없다).

captcha 패키지는 난수를 `secrets`(씨앗을 줄 수 없는 암호용 난수)에서 뽑는다. 책의 결과가 매번 같도록,
그리는 동안에만 그 모듈이 씨앗을 고정한 난수 생성기를 쓰게 바꿔 끼운다.
"""
from __future__ import annotations

import random
import string
from collections.abc import Sequence
from unittest import mock

import numpy as np
import torch

CAPTCHA_ALPHABET = string.digits + string.ascii_lowercase


class _SeededSecrets:
    """captcha.image가 쓰는 secrets 함수 세 개를 씨앗 고정 난수로 흉내 낸다."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    def randbelow(self, n: int) -> int:
        return self._random.randrange(n)

    def randbits(self, k: int) -> int:
        return self._random.getrandbits(k)

    def choice(self, sequence: Sequence) -> object:
        return self._random.choice(sequence)


def make_captchas(count: int, *, length: int | tuple[int, int] = 4, alphabet: str = CAPTCHA_ALPHABET,
                  width: int = 160, height: int = 60, seed: int = 0) -> tuple[torch.Tensor, list[str]]:
    """(images uint8 (N,3,height,width), 정답 문자열 N개). 같은 seed면 같은 그림과 정답.

    `length`가 (최소, 최대)면 캡차마다 글자 수를 그 사이(양 끝 포함)에서 고르게 고른다.
    """
    import captcha.image

    shortest, longest = (length, length) if isinstance(length, int) else length
    if count < 1 or not 1 <= shortest <= longest or len(set(alphabet)) < 2:
        raise ValueError(
            f"count와 length는 1 이상(length가 (최소, 최대)면 최소 ≤ 최대), alphabet은 서로 다른 글자 2개 "
            f"이상이어야 합니다 (받은 값: count={count}, length={length}, alphabet={alphabet!r}). "
            f"(count and length must be >= 1, a (shortest, longest) length needs shortest <= longest, and "
            f"the alphabet needs at least two distinct characters.)"
        )
    letters = random.Random(seed)  # 정답과 그림에 난수열을 따로 써서, 적게 만들면 많이 만든 것의 앞부분과 같다
    sizes = (shortest if shortest == longest else letters.randint(shortest, longest) for _ in range(count))
    texts = ["".join(letters.choice(alphabet) for _ in range(size)) for size in sizes]
    generator = captcha.image.ImageCaptcha(width=width, height=height)
    with mock.patch.object(captcha.image, "secrets", _SeededSecrets(seed)):
        images = np.stack([np.asarray(generator.generate_image(text).convert("RGB")) for text in texts])
    return torch.from_numpy(images).permute(0, 3, 1, 2).contiguous(), texts
