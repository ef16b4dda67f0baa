"""장(chapter)이 쓰는 모든 데이터와 미리 학습한 가중치.

모든 불러오기 함수는 먼저 실제 데이터(데이터 폴더 `AILIB_DATA`에 캐시, SHA-256 확인)를 시도하고,
`AILIB_OFFLINE` 정책에 따라 같은 모양의 대체 데이터(stand-in)로 바꾸며 그 사실을 짧게 알린다.
자세한 규칙은 ailib.data.offline, 내려받기는 ailib.data.download를 보라.

이름은 처음 쓸 때 그 모듈에서 가져온다(lazy): `from ailib.data import load_mnist`는 mnist 모듈만 읽는다.
그래서 한 데이터셋의 코드를 고치면 그 데이터셋을 쓰는 장만 다시 실행된다(book/_ext/ailib_book.py가
아래 `_LAZY` 표를 읽는다). 새 이름은 이 표에 한 줄로 더한다.
"""
from __future__ import annotations

import importlib

_LAZY = {  # 이름 → 그 이름이 정의된 ailib.data의 모듈
    "BOSTON_COLUMNS": "boston",
    "BOSTON_FEATURES": "boston",
    "load_boston": "boston",
    "CAPTCHA_ALPHABET": "captchas",
    "make_captchas": "captchas",
    "prefetch": "catalog",
    "CIFAR10_CLASSES": "cifar10",
    "CIFAR10_CLASSES_KO": "cifar10",
    "CIFAR10_STANDIN_CLASSES_KO": "cifar10",
    "load_cifar10": "cifar10",
    "ChecksumMismatch": "download",
    "DataBusy": "download",
    "DataFolderUnusable": "download",
    "DownloadFailed": "download",
    "data_root": "download",
    "load_kor_eng_pairs": "kor_eng",
    "add_noise": "mnist",
    "load_mnist": "mnist",
    "load_netflix": "netflix",
    "DataUnavailable": "offline",
    "used_standin": "offline",
    "PET_TRIMAP_NAMES_KO": "pets",
    "load_pets": "pets",
    "load_text_corpus": "text",
    "vgg16_weights": "vgg",
}
__all__ = sorted(_LAZY)


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
