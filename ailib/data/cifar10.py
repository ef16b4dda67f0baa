"""CIFAR-10: 32×32 컬러 사진 10종류. 실제 파일(파이썬 배치)과 오프라인 대체 데이터.

실제 데이터는 torchvision의 CIFAR10이 받는 공식 `cifar-10-python.tar.gz`(SHA-256 고정)다. 압축을 풀지 않고
안의 배치 파일만 읽으며, 배치의 pickle은 numpy 배열·리스트·사전만 허용하는 제한된 방식으로 연다.
대체 데이터는 10가지 도형·무늬를 무작위 색·위치·잡음으로 그린 것으로, 개수도 실제와 같다(50,000/10,000).
"""
from __future__ import annotations

import pickle
import tarfile
from pathlib import Path
from typing import IO

import numpy as np
import torch

from ailib.data.download import RemoteFile, fetch
from ailib.data.offline import real_or_standin
from ailib.data.splits import check_split
from ailib.data.synthetic_images import SHAPE_NAMES_KO, shape_images

SPLITS = ("train", "test")
CIFAR10_CLASSES = ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")
CIFAR10_CLASSES_KO = ("비행기", "자동차", "새", "고양이", "사슴", "개", "개구리", "말", "배", "트럭")
CIFAR10_STANDIN_CLASSES_KO = SHAPE_NAMES_KO  # 대체 데이터의 클래스 이름 (같은 번호 순서)
STANDIN_SIZES = {"train": 50_000, "test": 10_000}
ARCHIVE = RemoteFile(
    "cifar10/cifar-10-python.tar.gz", "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
    "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce",
)
_BATCHES = {"train": [f"cifar-10-batches-py/data_batch_{i}" for i in range(1, 6)],
            "test": ["cifar-10-batches-py/test_batch"]}


def load_cifar10(split: str = "train") -> tuple[torch.Tensor, torch.Tensor]:
    """CIFAR-10 (images uint8 (N,3,32,32), labels int64 (N,)). 실제: 50,000 / 10,000장."""
    check_split("CIFAR-10", split, SPLITS)
    images, labels = real_or_standin(
        "cifar10", lambda: read_cifar10_archive(fetch(ARCHIVE), split),
        lambda: shape_images(STANDIN_SIZES[split], seed=SPLITS.index(split)),
        label="CIFAR-10", standin_name="무작위 색·위치의 10가지 도형과 무늬; 클래스 이름은 CIFAR10_STANDIN_CLASSES_KO",
    )
    return torch.from_numpy(images), torch.from_numpy(labels)


def read_cifar10_archive(archive: Path, split: str) -> tuple[np.ndarray, np.ndarray]:
    """cifar-10-python.tar.gz에서 split의 배치들을 읽어 (uint8 (N,3,32,32), int64 (N,))로 잇는다."""
    wanted = _BATCHES[split]
    batches = {}
    with tarfile.open(archive, "r:gz") as tarred:
        for member in tarred:  # 압축을 한 번만 훑는다
            if member.name in wanted and member.isfile():
                batches[member.name] = _read_batch(archive, member.name, tarred.extractfile(member))
    missing = [name for name in wanted if name not in batches]
    if missing:
        raise ValueError(
            f"{archive}에 {', '.join(missing)}이(가) 없습니다. 파일을 지우고 다시 받으세요. "
            f"({archive} lacks {', '.join(missing)}; delete it and download again.)"
        )
    images = [np.asarray(batches[name]["data"], dtype=np.uint8).reshape(-1, 3, 32, 32) for name in wanted]
    labels = [np.asarray(batches[name]["labels"], dtype=np.int64) for name in wanted]
    return np.concatenate(images), np.concatenate(labels)


def _read_batch(archive: Path, name: str, stream: IO[bytes]) -> dict:
    try:
        return _ArrayUnpickler(stream, encoding="latin1").load()
    except (pickle.UnpicklingError, EOFError, ValueError) as error:
        raise ValueError(
            f"{archive}의 {name}을(를) CIFAR-10 배치로 읽을 수 없습니다: {error}. 파일을 지우고 다시 받으세요. "
            f"({name} in {archive} is not a readable CIFAR-10 batch: {error}. Delete it and download again.)"
        ) from error


class _ArrayUnpickler(pickle.Unpickler):
    """numpy 배열을 되살리는 데 필요한 것만 허용하는 pickle 읽개 (임의 코드 실행을 막는다)."""

    _ALLOWED = {("numpy._core.multiarray", "_reconstruct"), ("numpy._core.numeric", "_frombuffer"),
                ("numpy", "ndarray"), ("numpy", "dtype"), ("_codecs", "encode")}

    def find_class(self, module: str, name: str) -> object:
        module = module.replace("numpy.core.", "numpy._core.")  # 옛 numpy로 만든 배치도 읽는다
        if (module, name) not in self._ALLOWED:
            raise pickle.UnpicklingError(
                f"CIFAR-10 배치에 허용되지 않은 객체 {module}.{name}이(가) 있습니다. "
                f"(Refusing to load {module}.{name} from a CIFAR-10 batch.)"
            )
        return super().find_class(module, name)
