"""시험이 만드는 실제 형식의 데이터 파일: gzip IDX(MNIST), tar.gz, Oxford-IIIT Pet의 두 압축 파일."""
import gzip
import io
import tarfile

import numpy as np
from PIL import Image


def idx_bytes(array: np.ndarray) -> bytes:
    """uint8 배열 → gzip으로 묶은 IDX 파일."""
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(n.to_bytes(4, "big") for n in array.shape)
    return gzip.compress(header + array.tobytes())


def tar_gz(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def pets_archives(names_by_split: dict[str, list[str]]) -> tuple[bytes, bytes]:
    """공식 배치의 images.tar.gz(images/*.jpg)와 annotations.tar.gz(목록, trimaps/*.png)."""
    rng = np.random.default_rng(2)
    images, annotations = {}, {}
    for split, names in names_by_split.items():
        annotations[f"annotations/{split}.txt"] = "".join(f"{name} 1 1 1\n" for name in names).encode()
        for name in names:
            picture, trimap = io.BytesIO(), io.BytesIO()
            Image.fromarray(rng.integers(0, 256, (40, 50, 3), dtype=np.uint8)).save(picture, "JPEG")
            Image.fromarray(rng.integers(1, 4, (40, 50), dtype=np.uint8)).save(trimap, "PNG")
            images[f"images/{name}.jpg"] = picture.getvalue()
            annotations[f"annotations/trimaps/{name}.png"] = trimap.getvalue()
    return tar_gz(images), tar_gz(annotations)
