"""장(chapter)이 쓰는 모든 데이터와 미리 학습한 가중치.

모든 불러오기 함수는 먼저 실제 데이터(데이터 폴더 `AILIB_DATA`에 캐시, SHA-256 확인)를 시도하고,
`AILIB_OFFLINE` 정책에 따라 같은 모양의 대체 데이터(stand-in)로 바꾸며 그 사실을 짧게 알린다.
자세한 규칙은 ailib.data.offline, 내려받기는 ailib.data.download를 보라.

이름은 처음 쓸 때 그 모듈에서 가져온다(lazy): `from ailib.data import load_mnist`는 mnist 모듈만 읽는다.
어느 이름이 어느 모듈에 있는지는 공개 표 `EXPORTS`와 `module_of(name)`이 알려 준다. 책 빌드의 가져오기
추적기(book/_ext/import_tracer.py)는 이 표를 (가져오지 않고) 글자 그대로 읽으므로, 한 데이터셋의 코드를 고치면
그 데이터셋을 쓰는 장만 다시 실행된다. 새 이름은 이 표에 한 줄로 더한다 (값은 문자열 그대로 적는다).
"""
from __future__ import annotations

import importlib

EXPORTS: dict[str, str] = {  # 공개 이름 → 그 이름이 정의된 ailib.data의 하위 모듈
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
__all__ = sorted(EXPORTS)


def module_of(name: str) -> str:
    """공개 이름이 정의된 모듈의 전체 이름: module_of("load_mnist") == "ailib.data.mnist". 가져오지는 않는다."""
    if name not in EXPORTS:
        raise KeyError(
            f"ailib.data에 {name!r}이(가) 없습니다. 쓸 수 있는 이름은 ailib.data.EXPORTS에 있습니다. "
            f"(ailib.data has no public name {name!r}; see ailib.data.EXPORTS.)"
        )
    return f"{__name__}.{EXPORTS[name]}"


def __getattr__(name: str) -> object:
    if name not in EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module_of(name)), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(EXPORTS))
