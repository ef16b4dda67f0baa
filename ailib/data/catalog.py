"""데이터셋 목록과 미리 받기: 인터넷이 되는 곳에서 한 번 받아 두면 그다음부터는 오프라인에서도 실제 데이터를 쓴다.

    python -m ailib.data mnist cifar10      # 또는 all
"""
from __future__ import annotations

from pathlib import Path

from ailib.data import boston, cifar10, kor_eng, mnist, netflix, pets, text, vgg
from ailib.data.download import RemoteFile, fetch

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
