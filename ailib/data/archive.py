"""압축 파일을 안전하게 풀기: 모든 항목이 대상 폴더 안에 머물러야 한다 (no path traversal).

`../../etc/passwd` 같은 경로, 절대 경로, 링크, 장치 파일이 하나라도 있으면 아무것도 풀지 않고 멈춘다.
다 푼 뒤에만 대상 폴더로 옮기므로, 중간에 멈춰도 반쯤 풀린 폴더가 남지 않는다.
"""
from __future__ import annotations

import shutil
import tarfile
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from ailib.files import umask_mode


class UnsafeArchive(ValueError):
    """대상 폴더 밖으로 나가는 항목이 있는 압축 파일."""


def extract(archive: Path, destination: Path) -> Path:
    """archive(.tar, .tar.gz, .tgz, .zip)를 destination에 풀고 destination을 돌려준다."""
    names = _member_names(archive)
    for name in names:
        _check_member(archive, name)
    destination.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=destination.parent, prefix=".extract-"))
    try:
        scratch.chmod(umask_mode(0o777))  # mkdtemp은 0700: 함께 쓰는 데이터 폴더의 다른 사용자도 읽게
        if zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as zipped:
                zipped.extractall(scratch)
        else:
            with tarfile.open(archive) as tarred:
                tarred.extractall(scratch, filter="data")
        if destination.exists():
            shutil.rmtree(destination)
        scratch.rename(destination)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return destination


def _member_names(archive: Path) -> list[str]:
    if zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as zipped:
            return zipped.namelist()
    try:
        with tarfile.open(archive) as tarred:
            for member in tarred.getmembers():
                if not (member.isfile() or member.isdir()):
                    raise UnsafeArchive(
                        f"{archive.name}에 일반 파일이 아닌 항목(링크/장치) {member.name!r}이(가) 있어 풀지 않습니다. "
                        f"({archive.name} contains a link or device entry {member.name!r}; refusing to extract.)"
                    )
            return tarred.getnames()
    except tarfile.TarError as error:
        raise ValueError(
            f"{archive}은(는) 읽을 수 있는 tar/zip 압축 파일이 아닙니다: {error}. 파일을 지우고 다시 받으세요. "
            f"({archive} is not a readable tar/zip archive: {error}. Delete it and download again.)"
        ) from error


def _check_member(archive: Path, name: str) -> None:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and path.parts[0].endswith(":")):
        raise UnsafeArchive(
            f"{archive.name}의 항목 {name!r}이(가) 풀 폴더 밖을 가리켜 풀지 않습니다. "
            f"({archive.name} entry {name!r} points outside the extraction folder; refusing to extract.)"
        )
