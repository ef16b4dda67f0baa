"""여럿이 함께 쓰는 폴더에 안전하게 파일 쓰기 (safe files in shared folders).

- `atomic_write`: 임시 파일에 다 쓴 뒤에만 제 이름으로 바꾼다. 중간에 멈춰도 반쪽 파일이 남지 않고,
  권한은 umask를 따른다(같은 데이터 폴더를 쓰는 다른 사용자도 읽을 수 있다).
- 임시 파일·폴더(`partial_folder`) 이름에는 만든 컴퓨터와 프로세스 번호가 들어 있어, 죽은 프로세스가 남긴
  것은 다음 실행이 지운다.
- `file_lock`: 파일 하나를 한 프로세스만 만들도록 하는 잠금 (POSIX flock, Windows msvcrt). 잡은 쪽은 잠금
  파일에 컴퓨터와 프로세스 번호를 적고, 기다리는 쪽은 그것을 읽어 누가 잡고 있는지 알린다.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import tempfile
import time
from collections.abc import Callable, Iterator
from glob import escape
from pathlib import Path
from typing import BinaryIO

STALE_AFTER_S = 24 * 3600   # 다른 컴퓨터가 남긴 임시 파일은 이만큼 오래되면 버린다
PARTIAL_SUFFIX = ".partial"
LOCK_POLL_S = 0.2           # 잠금을 기다리는 동안 다시 시도하는 간격


class LockBusy(TimeoutError):
    """잠금을 잡은 쪽(holder)이 patience_s초 동안 진행 없이 놓지 않았다."""

    def __init__(self, path: Path, holder: str, waited_s: float) -> None:
        super().__init__(f"{path} is held by {holder} (waited {waited_s:.0f} s)")
        self.path, self.holder, self.waited_s = path, holder, waited_s


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


def partial_name(path: Path) -> Path:
    """path 옆의 아직 없는 임시 이름 `.<이름>.<컴퓨터>-<프로세스>.<무작위>.partial` (만들지는 않는다)."""
    return path.with_name(f"{partial_prefix(path)}{_owner_tag()}.{secrets.token_hex(4)}{PARTIAL_SUFFIX}")


def partial_folder(path: Path) -> Path:
    """path 옆에 새로 만든 빈 임시 폴더 (권한은 umask를 따른다). 다 채운 뒤 path로 이름을 바꾸는 데 쓴다."""
    folder = partial_name(path)
    folder.mkdir(mode=0o777)  # mkdir은 umask를 적용한다 (tempfile.mkdtemp은 0700)
    return folder


def remove_stale_partials(path: Path) -> list[Path]:
    """path의 임시 파일·폴더 가운데 만든 프로세스가 이미 끝난 것(또는 아주 오래된 것)을 지우고 그 목록을 돌려준다."""
    removed = []
    prefix = partial_prefix(path)
    for candidate in _partials(path):
        owner = candidate.name[len(prefix):].split(".", 1)[0]
        host, _, pid = owner.rpartition("-")
        if _is_stale(candidate, host, pid):
            if candidate.is_dir() and not candidate.is_symlink():
                shutil.rmtree(candidate, ignore_errors=True)
            else:
                candidate.unlink(missing_ok=True)
            removed.append(candidate)
    return removed


def partial_bytes(path: Path) -> int:
    """path의 임시 파일·폴더에 지금까지 쓴 바이트 수 (잠금을 기다리는 쪽이 잡은 쪽의 진행을 보는 데 쓴다)."""
    total = 0
    for candidate in _partials(path):
        for file in (candidate.rglob("*") if candidate.is_dir() else [candidate]):
            with contextlib.suppress(OSError):  # 그사이 사라진 파일
                total += file.stat().st_size
    return total


def _partials(path: Path) -> list[Path]:
    return list(path.parent.glob(f"{escape(partial_prefix(path))}*{PARTIAL_SUFFIX}"))


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
def file_lock(path: Path, *, patience_s: float, progress: Callable[[], object] = lambda: None,
              on_wait: Callable[[str], None] = lambda holder: None) -> Iterator[None]:
    """path(잠금 파일)를 잡고 있는 동안 다른 프로세스는 기다린다. 잠금 파일은 지우지 않는다.

    남이 잡고 있으면 on_wait(잡은 쪽 설명)을 한 번 부르고 기다린다. progress()의 값(예: 잡은 쪽이 쓰는 임시
    파일의 크기)이 patience_s초 동안 바뀌지 않으면 LockBusy를 낸다.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)  # 권한은 umask를 따른다
    try:
        if not _try_lock(fd):
            on_wait(lock_holder(path))
            _wait_for_lock(fd, path, patience_s, progress)
        _write_holder(fd)
        yield
    finally:
        os.close(fd)  # 닫으면 잠금이 풀린다


def _wait_for_lock(fd: int, path: Path, patience_s: float, progress: Callable[[], object]) -> None:
    started = last_change = time.monotonic()
    seen = progress()
    while not _try_lock(fd):
        time.sleep(LOCK_POLL_S)
        now, current = time.monotonic(), progress()
        if current != seen:
            seen, last_change = current, now
        elif now - last_change >= patience_s:
            raise LockBusy(path, lock_holder(path), now - started)


def lock_holder(path: Path) -> str:
    """잠금 파일에 적힌 잡은 쪽: 'pid 1234 @ 컴퓨터, 12:34:56~' (읽을 수 없으면 '?')."""
    try:
        host, pid, since = path.read_text(encoding="utf-8").split()
        return f"pid {int(pid)} @ {host}, {time.strftime('%H:%M:%S', time.localtime(int(since)))}~"
    except (OSError, ValueError):
        return "?"


def _write_holder(fd: int) -> None:
    with contextlib.suppress(OSError):  # 적지 못해도 잠금은 잡혀 있다 (누구인지 알리지 못할 뿐)
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{socket.gethostname() or 'host'} {os.getpid()} {int(time.time())}\n".encode())


def _try_lock(fd: int) -> bool:
    """잠금을 기다리지 않고 잡아 본다."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
