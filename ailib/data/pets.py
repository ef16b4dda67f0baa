"""Oxford-IIIT Pet: 개·고양이 사진과 픽셀마다 동물/배경/경계선을 적은 트라이맵(trimap). U-Net 분할용.

실제 데이터는 torchvision의 OxfordIIITPet과 같은 공식 압축 파일 두 개(사진 약 755MB, 주석 약 18MB)로,
SHA-256을 확인한 뒤 안전하게 풀고, 정사각형으로 줄인 배열을 데이터 폴더에 저장해 두 번째부터는 바로 읽는다.
저장한 배열 파일(`<split>-<size>px.npz`)은 옆에 적어 둔 SHA-256(`….npz.sha256`)이 맞을 때만 읽는다.
`plan(split, size)`가 불러오기 전에 할 일을 정하고(네트워크도 쓰기도 하지 않는다), 책의 캐시 지문도 같은
함수로 이 데이터셋의 상태를 적는다(`situation()`): 둘이 어긋나 대체 데이터 쪽이 실제 데이터 쪽으로 남지 않는다.
대체 데이터는 물결치는 둘레의 얼룩(동물)과 그 마스크를 그린 것이다.
트라이맵 값은 0 = 동물, 1 = 배경, 2 = 경계선(원래 파일의 1, 2, 3에서 1을 뺀 값).
"""
from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import numpy as np
import torch

from ailib.data.archive import extract
from ailib.data.download import (RemoteFile, available_copy, data_lock, data_root, fetch, sha256_of,
                                  unusable_folder, verified)
from ailib.data.offline import real_or_standin
from ailib.data.splits import check_split
from ailib.data.standin_size import standin_count
from ailib.data.synthetic_images import blob_images
from ailib.files import atomic_write

SPLITS = ("trainval", "test")
PET_TRIMAP_NAMES_KO = ("동물", "배경", "경계선")  # 트라이맵 값 0, 1, 2의 뜻
STANDIN_SIZES = {"trainval": 640, "test": 160}
REAL_SIZES = {"trainval": 3_680, "test": 3_669}
_BASE = "https://www.robots.ox.ac.uk/~vgg/data/pets/data"
IMAGES = RemoteFile("pets/images.tar.gz", f"{_BASE}/images.tar.gz",
                    "67195c5e1c01f1ab5f9b6a5d22b8c27a580d896ece458917e61d459337fa318d")
ANNOTATIONS = RemoteFile("pets/annotations.tar.gz", f"{_BASE}/annotations.tar.gz",
                         "52425fb6de5c424942b7626b428656fcbd798db970a937df61750c0f1d358e91")
CACHED = "real:cached"          # plan(): 검증된 배열 파일을 읽는다 (뒤에 그 파일의 SHA-256 앞 16자리)
BUILD = "real:build"            # plan(): 검증된 압축 파일에서 (풀어 두지 않았으면 풀고) 배열 파일을 만든다
DOWNLOAD = "missing"            # plan(): 압축 파일이 없다 → 내려받기, 또는 AILIB_OFFLINE 정책에 따라 대체 데이터
UNWRITABLE = "unwritable"       # plan(): 압축 파일은 있지만 데이터 폴더에 풀거나 저장할 수 없다 → 대체 데이터


def load_pets(split: str = "trainval", *, size: int = 128) -> tuple[torch.Tensor, torch.Tensor]:
    """(images uint8 (N,3,size,size), trimaps int64 (N,size,size)). 실제: trainval 3,680장, test 3,669장."""
    check_split("Oxford-IIIT Pet", split, SPLITS)
    images, trimaps = real_or_standin(
        "pets", lambda: _real(split, size),
        lambda: blob_images(standin_count(STANDIN_SIZES[split], REAL_SIZES[split]),
                            seed=SPLITS.index(split), size=size),
        label="Oxford-IIIT Pet", standin_name="물결 모양 얼룩을 그린 그림과 그 트라이맵",
    )
    return torch.from_numpy(images), torch.from_numpy(trimaps)


def plan(split: str, size: int) -> str:
    """load_pets(split, size=size)가 지금 할 일: CACHED(…:<SHA-256 앞 16자리>), BUILD, DOWNLOAD, UNWRITABLE.

    불러오기와 책의 캐시 지문이 함께 쓴다. 네트워크도 쓰기도 하지 않는다.
    """
    digest = _verified_arrays(_processed(split, size))
    return f"{CACHED}:{digest[:16]}" if digest is not None else _plan_without_arrays()


def situation() -> dict[str, str]:
    """split마다 plan()의 답 (책의 캐시 지문용). 크기(size)는 장이 정하므로, 배열 파일이 있는 크기마다 따로
    ("trainval-128px") 적고, 검증된 배열 파일이 없는 다른 모든 크기의 답을 split 이름으로 적는다."""
    states = {}
    for split in SPLITS:
        states.update({f"{split}-{size}px": plan(split, size) for size in _saved_sizes(split)})
        states[split] = _plan_without_arrays()
    return states


def _plan_without_arrays() -> str:
    """검증된 배열 파일이 없을 때 할 일: 압축 파일에서 만들기, 내려받기, 또는 (쓸 수 없어) 대체 데이터."""
    if any(available_copy(remote) is None for remote in (IMAGES, ANNOTATIONS)):
        return DOWNLOAD
    return BUILD if _writable(data_root() / "pets") else UNWRITABLE


def read_pets_folders(images: Path, annotations: Path, split: str, size: int) -> tuple[np.ndarray, np.ndarray]:
    """풀어 둔 폴더 두 개(images/*.jpg, annotations/{split}.txt와 annotations/trimaps/*.png)를 배열로 읽는다."""
    from PIL import Image

    names = [line.split()[0] for line in (annotations / f"{split}.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    pairs, missing = pair_by_name(names, images, annotations / "trimaps")
    if missing:
        print(f"Oxford-IIIT Pet {split}: 사진이나 트라이맵이 없는 {len(missing)}장은 건너뜁니다 (예: {missing[0]})")
    pixels = np.empty((len(pairs), 3, size, size), dtype=np.uint8)
    trimaps = np.empty((len(pairs), size, size), dtype=np.int64)
    for i, (image_path, trimap_path) in enumerate(pairs):
        with Image.open(image_path) as picture:
            pixels[i] = np.asarray(picture.convert("RGB").resize((size, size), Image.BILINEAR)).transpose(2, 0, 1)
        with Image.open(trimap_path) as trimap:
            trimaps[i] = np.asarray(trimap.resize((size, size), Image.NEAREST), dtype=np.int64) - 1
    return pixels, trimaps


def pair_by_name(names: list[str], images: Path, trimaps: Path) -> tuple[list[tuple[Path, Path]], list[str]]:
    """이름마다 (images/이름.jpg, trimaps/이름.png) 짝. 정렬 순서가 아니라 이름으로 짝을 지으므로 파일 하나가
    빠져도 나머지 짝이 밀리지 않는다. 둘 중 하나라도 없는 이름은 두 번째 목록으로 돌려준다."""
    pairs, missing = [], []
    for name in names:
        image, trimap = images / f"{name}.jpg", trimaps / f"{name}.png"
        if image.is_file() and trimap.is_file():
            pairs.append((image, trimap))
        else:
            missing.append(name)
    return pairs, missing


def _real(split: str, size: int) -> tuple[np.ndarray, np.ndarray]:
    processed = _processed(split, size)
    step = plan(split, size)
    if step == UNWRITABLE:
        folder = data_root() / "pets"
        raise unusable_folder(PermissionError(errno.EACCES, "읽기 전용이거나 쓰기 권한이 없습니다 (read-only)",
                                              str(folder)))
    if not step.startswith(CACHED):
        folders = []
        for remote in (IMAGES, ANNOTATIONS):
            archive = fetch(remote)
            part = Path(remote.path).name.removesuffix(".tar.gz")       # "images" / "annotations"
            target = data_root() / "pets" / f"extracted-{part}"
            try:
                with data_lock(f"pets/extracted-{part}"):              # 여러 프로세스가 함께 풀지 않게
                    if not target.is_dir():                             # 다 풀린 뒤에만 생기는 폴더
                        extract(archive, target)
            except OSError as error:
                raise unusable_folder(error) from error
            folders.append(target / part)
        images, trimaps = read_pets_folders(*folders, split, size)
        try:
            _save_atomically(processed, images=images, trimaps=trimaps)
        except OSError as error:
            raise unusable_folder(error) from error
    with np.load(processed) as arrays:
        return arrays["images"], arrays["trimaps"]


def _processed(split: str, size: int) -> Path:
    """줄인 배열을 저장하는 파일."""
    return data_root() / "pets" / f"{split}-{size}px.npz"


def _checksum_file(path: Path) -> Path:
    return path.with_name(f"{path.name}.sha256")


def _verified_arrays(path: Path) -> str | None:
    """배열 파일의 SHA-256이 옆에 적어 둔 값과 맞으면 그 값, 아니면(없거나, 적어 둔 값이 없거나 다르면) None."""
    try:
        expected = _checksum_file(path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return expected if verified(path, expected) else None


def _saved_sizes(split: str) -> list[int]:
    """데이터 폴더에 배열 파일이 있는 크기들."""
    pattern = re.compile(rf"{re.escape(split)}-(\d+)px\.npz")
    folder = data_root() / "pets"
    names = sorted(path.name for path in folder.glob(f"{split}-*px.npz")) if folder.is_dir() else []
    return [int(match[1]) for name in names if (match := pattern.fullmatch(name))]


def _writable(folder: Path) -> bool:
    """folder(없으면 있는 가장 가까운 위 폴더)에 파일을 만들 수 있는가. 아무것도 쓰지 않는다.

    읽기 전용으로 붙인(mount) 폴더는 root에게도 False다."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def _save_atomically(path: Path, **arrays: np.ndarray) -> None:
    """임시 파일에 다 쓴 뒤에만 제 이름으로 바꾸고, 그 SHA-256을 옆 파일에 적는다 (중간에 멈춰도 반쪽 파일이
    검증된 파일처럼 남지 않는다: 적어 둔 값이 없거나 다르면 다시 만든다)."""
    with atomic_write(path) as stream:
        np.savez(stream, **arrays)
    with atomic_write(_checksum_file(path)) as stream:
        stream.write(sha256_of(path).encode("ascii"))
