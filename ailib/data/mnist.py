"""MNIST 손글씨 숫자: 실제 파일(IDX 형식)과 오프라인 대체 데이터.

실제 데이터는 torchvision의 MNIST와 같은 공식 파일 네 개다(torchvision이 쓰는 미러에서 받고, 공개된
SHA-256으로 확인한다). 대체 데이터는 scikit-learn에 들어 있는 8×8 손글씨 숫자 1,797장을 MNIST처럼
20×20으로 키워 28×28 가운데에 놓은 것이다. 진짜 사람의 손글씨라 학습 곡선이 실제와 비슷하게 나온다.
"""
from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from ailib.data.download import RemoteFile, fetch
from ailib.data.offline import real_or_standin
from ailib.data.splits import check_split
from ailib.data.standin_size import real_size_standins, resample_images

SPLITS = ("train", "test")
REAL_SIZES = {"train": 60_000, "test": 10_000}
NOISE_STD = 0.3
_MIRROR = "https://ossci-datasets.s3.amazonaws.com/mnist"
_FILES = {  # SHA-256: 공식 파일의 값 (torchvision이 고정한 md5와 같은 파일)
    ("train", "images"): ("train-images-idx3-ubyte.gz",
                          "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
    ("train", "labels"): ("train-labels-idx1-ubyte.gz",
                          "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
    ("test", "images"): ("t10k-images-idx3-ubyte.gz",
                         "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
    ("test", "labels"): ("t10k-labels-idx1-ubyte.gz",
                         "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
}
REMOTE_FILES = {key: RemoteFile(f"mnist/{name}", f"{_MIRROR}/{name}", sha256)
                for key, (name, sha256) in _FILES.items()}
_IDX_DTYPES = {0x08: np.uint8, 0x09: np.int8, 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def load_mnist(split: str = "train", *, noisy: bool = False) -> tuple[torch.Tensor, torch.Tensor]:
    """MNIST (images float32 (N,1,28,28) ∈ [0,1], labels int64 (N,)). 실제: 60,000 / 10,000장.

    noisy=True면 같은 순서의 이미지에 가우시안 잡음(표준편차 NOISE_STD)을 더한다 (잡음 제거 오토인코더용).
    """
    check_split("MNIST", split, SPLITS)
    images, labels = real_or_standin(
        "mnist", lambda: _real(split), lambda: _digits_standin(split),
        label="MNIST", standin_name="scikit-learn 8×8 손글씨 숫자를 28×28로 키운 것",
    )
    return (add_noise(images, seed=SPLITS.index(split)) if noisy else images), labels


def add_noise(images: torch.Tensor, std: float = NOISE_STD, seed: int = 0) -> torch.Tensor:
    """가우시안 잡음을 더하고 [0, 1]로 자른다. 같은 seed면 같은 잡음."""
    generator = torch.Generator().manual_seed(seed)
    return (images + std * torch.randn(images.shape, generator=generator)).clamp(0.0, 1.0)


def read_idx(path: Path) -> np.ndarray:
    """IDX 파일(.gz도 됨)을 numpy 배열로 읽는다. 형식이 틀리면 무엇이 틀렸는지 알려 준다."""
    raw = Path(path).read_bytes()
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as error:
            raise _format_error(path, f"gzip 압축이 깨졌습니다({error})", f"broken gzip data ({error})") from error
    if len(raw) < 4 or raw[:2] != b"\x00\x00" or raw[2] not in _IDX_DTYPES:
        raise _format_error(path, "머리말의 매직 넘버가 IDX가 아닙니다", "bad magic number")
    ndim = raw[3]
    header = 4 + 4 * ndim
    shape = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    dtype = np.dtype(_IDX_DTYPES[raw[2]])
    if len(raw) != header + int(np.prod(shape)) * dtype.itemsize:
        raise _format_error(path, f"크기 {shape}와 데이터 길이가 맞지 않습니다", f"size {shape} does not match")
    return np.frombuffer(raw, dtype=dtype, offset=header).reshape(shape)


def _format_error(path: Path, korean: str, english: str) -> ValueError:
    return ValueError(
        f"{path}은(는) 읽을 수 없는 IDX 파일입니다: {korean}. 파일을 지우고 다시 받으세요. "
        f"({path} is not a valid IDX file: {english}. Delete it and download again.)"
    )


def _real(split: str) -> tuple[torch.Tensor, torch.Tensor]:
    images = read_idx(fetch(REMOTE_FILES[split, "images"]))
    labels = read_idx(fetch(REMOTE_FILES[split, "labels"]))
    return (torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1),
            torch.from_numpy(labels.astype(np.int64)))


def _digits_standin(split: str) -> tuple[torch.Tensor, torch.Tensor]:
    """scikit-learn digits 1,797장 → 28×28. 섞은 뒤 앞 80%가 train, 나머지가 test."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    small = torch.from_numpy(digits.images.astype(np.float32) / 16.0).unsqueeze(1)
    # MNIST처럼 숫자를 20×20 상자에 맞추고 둘레에 4픽셀씩 여백을 둔다.
    images = F.pad(F.interpolate(small, size=(20, 20), mode="bilinear", align_corners=False), (4, 4, 4, 4))
    labels = torch.from_numpy(digits.target.astype(np.int64))
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(0))
    cut = int(0.8 * len(labels))
    chosen = order[:cut] if split == "train" else order[cut:]
    images, labels = images[chosen].clamp(0.0, 1.0).contiguous(), labels[chosen]
    if real_size_standins():  # 시간 측정용: 실제 MNIST와 같은 장 수
        images, labels = resample_images(images, labels, REAL_SIZES[split], seed=SPLITS.index(split))
    return images, labels
