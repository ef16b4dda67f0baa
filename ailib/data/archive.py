"""압축 파일을 안전하게 풀기: 모든 항목이 대상 폴더 안에 머물러야 한다 (no path traversal).

`../../etc/passwd` 같은 경로, 절대 경로, 링크, 장치 파일이 하나라도 있으면 아무것도 풀지 않고 멈춘다.
임시 폴더(`.<대상>.<컴퓨터>-<프로세스>.….partial`)에 다 푼 뒤에만 대상 폴더로 이름을 바꾸므로, 어느 순간에
죽어도 대상 폴더는 완전하거나 없다. 죽은 프로세스가 남긴 임시 폴더는 다음 실행이 지운다. 푼 파일과 폴더의
권한은 압축 파일에 적힌 것이 아니라 umask를 따른다(함께 쓰는 데이터 폴더의 다른 사용자도 읽는다).
여러 프로세스가 같은 폴더를 풀 수 있으면 부르는 쪽이 잠금을 잡는다(`ailib.data.download.data_lock`).
"""
from __future__ import annotations

import shutil
import tarfile
import zipfile
from pathlib import Path, PurePosixPath

from ailib.files import partial_folder, partial_name, remove_stale_partials


class UnsafeArchive(ValueError):
    """대상 폴더 밖으로 나가는 항목이 있는 압축 파일."""


def extract(archive: Path, destination: Path) -> Path:
    """archive(.tar, .tar.gz, .tgz, .zip)를 destination에 풀고 destination을 돌려준다."""
    names = _member_names(archive)
    for name in names:
        _check_member(archive, name)
    destination.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(destination)
    scratch = partial_folder(destination)
    try:
        if zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as zipped:  # zipfile은 권한을 되살리지 않는다: umask를 따른다
                zipped.extractall(scratch)
        else:
            with tarfile.open(archive) as tarred:
                tarred.extractall(scratch, filter=_data_with_umask)
        _swap_in(scratch, destination)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return destination


def _data_with_umask(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo:
    """tarfile의 'data' 거르개에 더해 권한을 지운다: 파일과 폴더는 umask를 따라 만들어진다."""
    return tarfile.data_filter(member, path).replace(mode=None, deep=False)


def _swap_in(scratch: Path, destination: Path) -> None:
    """scratch를 destination으로 바꾼다. 있던 폴더는 먼저 임시 이름으로 옮긴 뒤에 지우므로, 어느 순간에
    죽어도 destination은 완전한 폴더이거나 없다 (반쯤 지운 폴더가 제 이름으로 남지 않는다)."""
    if not destination.exists():
        scratch.rename(destination)
        return
    old = partial_name(destination)
    destination.rename(old)
    try:
        scratch.rename(destination)
    except BaseException:
        old.rename(destination)
        raise
    shutil.rmtree(old, ignore_errors=True)


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
