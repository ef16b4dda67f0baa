"""데이터셋 목록과 미리 받기: 인터넷이 되는 곳에서 한 번 받아 두면 그다음부터는 오프라인에서도 실제 데이터를 쓴다.

    python -m ailib.data mnist cifar10      # 또는 all

`data_situation`은 네트워크도 쓰기도 하지 않고, 데이터셋의 split마다 지금 불러오면 무엇이 되는지 알려 준다
(그 split이 읽는 파일이 모두 검증된 채로 있는가. Pets는 불러오기가 쓰는 `pets.plan`의 답). 책 빌드가 실행
캐시를 고를 때 쓴다 (book/_ext/fingerprint.py).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
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


def data_situation(modules: Iterable[str]) -> dict[str, dict[str, str]]:
    """modules(모듈 이름들) 가운데 불러오기 모듈이 있는 데이터셋마다 {split: 상태}. 상태는 'real…'(실제 데이터)
    또는 대체 데이터가 되는 까닭에 'missing'처럼 '<까닭>:<AILIB_OFFLINE 정책>:<대체 데이터 크기>'를 붙인 것.
    네트워크도 쓰기도 하지 않는다."""
    wanted = set(modules)
    return {name: {split: _with_policy(state) for split, state in split_situation(name).items()}
            for name, module in LOADER_MODULES.items() if module.__name__ in wanted}


def split_situation(name: str) -> dict[str, str]:
    """데이터셋 name을 지금 불러오면 split마다 무엇이 되는가: 'real…' 또는 대체 데이터가 되는 까닭."""
    if name in _SITUATIONS:
        return _SITUATIONS[name]()
    return _files_situation({"all": DATASETS[name]})  # 파일 하나(또는 모든 split이 한 압축 파일)


def _files_situation(files: dict[str, Iterable[RemoteFile]]) -> dict[str, str]:
    """{split: 그 split을 불러올 때 읽는 파일들} → {split: 'real'(모두 검증된 채로 있음) 또는 'missing'}."""
    return {split: "real" if all(available_copy(remote) is not None for remote in remotes) else "missing"
            for split, remotes in files.items()}


def _mnist_files() -> dict[str, list[RemoteFile]]:
    """MNIST는 split마다 파일이 따로다: 시험 파일만 있으면 load_mnist("test")는 실제 데이터다."""
    return {split: [remote for (part, _), remote in mnist.REMOTE_FILES.items() if part == split]
            for split in mnist.SPLITS}


_SITUATIONS: dict[str, Callable[[], dict[str, str]]] = {
    "mnist": lambda: _files_situation(_mnist_files()),
    "pets": pets.situation,
}


def _with_policy(state: str) -> str:
    """대체 데이터가 될 상태에는 그 모양을 정하는 정책과 크기를 붙인다."""
    return state if state.startswith("real") else f"{state}:{_policy()}:{_standin_size()}"


def _standin_size() -> str:
    """대체 데이터의 크기(AILIB_STANDIN_SIZE): 대체 데이터를 쓰는 장의 출력을 바꾼다."""
    return os.environ.get(STANDIN_SIZE_ENV, "").strip().lower() or "small"


def _policy() -> str:
    try:
        return offline_mode()
    except ValueError as error:  # 잘못된 값: 실행하면 같은 오류로 멈춘다
        return str(error)[:60]
