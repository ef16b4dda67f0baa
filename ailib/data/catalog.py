"""데이터셋 목록과 미리 받기: 인터넷이 되는 곳에서 한 번 받아 두면 그다음부터는 오프라인에서도 실제 데이터를 쓴다.

    python -m ailib.data mnist cifar10      # 또는 all

`data_situation`은 네트워크를 쓰지 않고 각 데이터셋의 지금 상태(실제 파일이 있고 SHA-256이 맞는가)를
알려 준다. 책 빌드가 실행 캐시를 고를 때 쓴다 (book/_ext/ailib_book.py).
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ailib.data import boston, cifar10, kor_eng, mnist, netflix, pets, text, vgg
from ailib.data.download import RemoteFile, available_copy, fetch
from ailib.data.offline import offline_mode
from ailib.data.standin_size import ENV_VAR as STANDIN_SIZE_ENV

DATASETS: dict[str, tuple[RemoteFile, ...]] = {
    "mnist": tuple(mnist.REMOTE_FILES.values()),
    "cifar10": (cifar10.ARCHIVE,),
    "boston": (boston.BOSTON_CSV,),
    "netflix": (netflix.NFLX_CSV,),
    "vgg16": (vgg.VGG16_IMAGENET,),
    "pets": (pets.IMAGES, pets.ANNOTATIONS),
    "kor-eng": (kor_eng.KOR_TXT,),
    "text": (text.TINY_SHAKESPEARE,),
}
LOADER_MODULES = {  # 데이터셋 → 그것을 불러오는 모듈
    "mnist": mnist, "cifar10": cifar10, "boston": boston, "netflix": netflix, "vgg16": vgg, "pets": pets,
    "kor-eng": kor_eng, "text": text,
}


def prefetch(*names: str) -> list[Path]:
    """이름을 준 데이터셋의 파일을 모두 받아(또는 캐시에서 확인해) 경로 목록을 돌려준다. "all"은 전부."""
    chosen = list(DATASETS) if "all" in names else list(names)
    unknown = [name for name in chosen if name not in DATASETS]
    if unknown or not chosen:
        valid = ", ".join(["all", *DATASETS])
        raise ValueError(
            f"알 수 없는 데이터셋 {unknown or '(없음)'}. 쓸 수 있는 이름: {valid}. "
            f"(Unknown dataset {unknown or '(none given)'}; valid names: {valid}.)"
        )
    return [fetch(remote) for name in chosen for remote in DATASETS[name]]


def data_situation(modules: Iterable[str]) -> dict[str, str]:
    """modules(모듈 이름들) 가운데 불러오기 모듈이 있는 데이터셋마다 'real'(검증된 파일이 모두 있음) 또는
    'missing:<AILIB_OFFLINE 값>'(실행하면 대체 데이터나 내려받기). 네트워크도 쓰기도 하지 않는다."""
    wanted = set(modules)
    situation = {}
    for name, module in LOADER_MODULES.items():
        if module.__name__ in wanted:
            present = all(available_copy(remote) is not None for remote in DATASETS[name])
            situation[name] = "real" if present else f"missing:{_policy()}:{_standin_size()}"
    return situation


def _standin_size() -> str:
    """대체 데이터의 크기(AILIB_STANDIN_SIZE): 대체 데이터를 쓰는 장의 출력을 바꾼다."""
    return os.environ.get(STANDIN_SIZE_ENV, "").strip().lower() or "small"


def _policy() -> str:
    try:
        return offline_mode()
    except ValueError as error:  # 잘못된 값: 실행하면 같은 오류로 멈춘다
        return str(error)[:60]
