"""여럿이 함께 쓰는 폴더에 안전하게 파일 쓰기 (safe files in shared folders).

- `atomic_write`: 임시 파일에 다 쓴 뒤에만 제 이름으로 바꾼다. 중간에 멈춰도 반쪽 파일이 남지 않고,
  권한은 umask를 따른다(같은 데이터 폴더를 쓰는 다른 사용자도 읽을 수 있다).
- 임시 파일 이름에는 만든 컴퓨터와 프로세스 번호가 들어 있어, 죽은 프로세스가 남긴 것은 다음 실행이 지운다.
- `file_lock`: 파일 하나를 한 프로세스만 만들도록 하는 잠금 (POSIX flock, Windows msvcrt).
"""
from __future__ import annotations

import contextlib
import os
import socket
import tempfile
import time
from collections.abc import Iterator
from glob import escape
from pathlib import Path
from typing import BinaryIO

STALE_AFTER_S = 24 * 3600   # 다른 컴퓨터가 남긴 임시 파일은 이만큼 오래되면 버린다
PARTIAL_SUFFIX = ".partial"


def umask_mode(mode: int = 0o666) -> int:
    """umask를 적용한 파일 권한 (예: umask 022 → 0o644, 002 → 0o664)."""
    current = os.umask(0)
    os.umask(current)
    return mode & ~current


def _owner_tag() -> str:
    """임시 파일 이름에 넣는 '컴퓨터-프로세스' 표시 (점이 없다)."""
    host = socket.gethostname().replace(".", "_").replace("-", "_") or "host"
    return f"{host}-{os.getpid()}"


def partial_prefix(path: Path) -> str:
    return f".{path.name}."


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """`with atomic_write(p) as stream:` 블록이 오류 없이 끝날 때만 p가 (통째로) 바뀐다."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(path)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f"{partial_prefix(path)}{_owner_tag()}.",
                                     suffix=PARTIAL_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
        os.chmod(temporary, umask_mode())  # mkstemp은 0600으로 만든다
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_stale_partials(path: Path) -> list[Path]:
    """path의 임시 파일 가운데 만든 프로세스가 이미 끝난 것(또는 아주 오래된 것)을 지우고 그 목록을 돌려준다."""
    removed = []
    prefix = partial_prefix(path)
    for candidate in path.parent.glob(f"{escape(prefix)}*{PARTIAL_SUFFIX}"):
        owner = candidate.name[len(prefix):].split(".", 1)[0]
        host, _, pid = owner.rpartition("-")
        if _is_stale(candidate, host, pid):
            candidate.unlink(missing_ok=True)
            removed.append(candidate)
    return removed


def _is_stale(candidate: Path, host: str, pid: str) -> bool:
    if host == _owner_tag().rpartition("-")[0] and pid.isdigit() and os.name == "posix":
        return not _process_alive(int(pid))
    try:
        return time.time() - candidate.stat().st_mtime > STALE_AFTER_S
    except FileNotFoundError:
        return False


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # 신호 0: 보내지 않고 프로세스가 있는지만 확인한다 (POSIX)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True      # 다른 사용자의 살아 있는 프로세스
    return True


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """path(잠금 파일)를 잡고 있는 동안 다른 프로세스는 기다린다. 잠금 파일은 지우지 않는다."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)  # 권한은 umask를 따른다
    try:
        _lock(fd)
        yield
    finally:
        os.close(fd)  # 닫으면 잠금이 풀린다


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:  # 10초 동안 못 잡으면 OSError: 다시 기다린다
                continue
    fcntl.flock(fd, fcntl.LOCK_EX)
