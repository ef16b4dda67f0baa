"""Oxford-IIIT Pet: 개·고양이 사진과 픽셀마다 동물/배경/경계선을 적은 트라이맵(trimap). U-Net 분할용.

실제 데이터는 torchvision의 OxfordIIITPet과 같은 공식 압축 파일 두 개(사진 약 755MB, 주석 약 18MB)로,
SHA-256을 확인한 뒤 안전하게 풀고, 정사각형으로 줄인 배열을 데이터 폴더에 저장해 두 번째부터는 바로 읽는다.
대체 데이터는 물결치는 둘레의 얼룩(동물)과 그 마스크를 그린 것이다.
트라이맵 값은 0 = 동물, 1 = 배경, 2 = 경계선(원래 파일의 1, 2, 3에서 1을 뺀 값).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from ailib.data.archive import extract
from ailib.data.download import RemoteFile, data_lock, data_root, fetch, unusable_folder
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
    processed = data_root() / "pets" / f"{split}-{size}px.npz"
    if not processed.is_file():
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


def _save_atomically(path: Path, **arrays: np.ndarray) -> None:
    """임시 파일에 다 쓴 뒤에만 제 이름으로 바꾼다 (중간에 멈춰도 반쪽 파일이 남지 않는다)."""
    with atomic_write(path) as stream:
        np.savez(stream, **arrays)
