"""검증된 내려받기: 데이터 폴더, 미러, SHA-256 확인, 재시도, 원자적 저장 (verified downloads).

모든 파일은 데이터 폴더 `AILIB_DATA`(기본값: 사용자 캐시 폴더의 ailib) 아래 `<데이터셋>/<파일>`에 둔다.
`AILIB_DATA_MIRROR`를 주면 원래 주소 대신 `<미러>/<데이터셋>/<파일>`에서 받는다. 즉 미러는 데이터
폴더와 같은 배치를 가진 웹 폴더다. 내려받기는 pooch가 임시 파일로 받아 해시를 확인한 뒤에만 제자리로
옮기므로, 끊기거나 손상된 파일이 멀쩡한 파일처럼 남지 않는다.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pooch
import requests

from ailib.data.offline import FORCE_STANDIN, DataUnavailable, offline_mode
from ailib.progress import in_book_build

DATA_ENV = "AILIB_DATA"
MIRROR_ENV = "AILIB_DATA_MIRROR"
CONNECT_TIMEOUT_S = 5      # 닿지 않는 서버는 빨리 포기한다 (오프라인이면 바로 대체 데이터로)
READ_TIMEOUT_S = 60
RETRIES = 2                # 연결된 뒤 끊긴 경우에만 다시 시도한다
CHUNK_BYTES = 1 << 20


class ChecksumMismatch(DataUnavailable):
    """받은 파일의 SHA-256이 고정해 둔 값과 다르다 (파일은 이미 지웠다)."""


class DownloadFailed(DataUnavailable):
    """서버에 닿지 못했거나 받는 도중 끊겼다. transient: 다시 시도할 만한가(연결된 뒤 끊김, 5xx)."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


@dataclass(frozen=True)
class RemoteFile:
    """내려받을 파일 하나: 데이터 폴더 안 경로, 원래 주소, 고정한 SHA-256."""

    path: str                     # 데이터 폴더 기준 경로, 예: "mnist/t10k-images-idx3-ubyte.gz"
    url: str
    sha256: str
    local_copies: Callable[[], list[Path]] = field(default=lambda: [], compare=False)
    # ↑ 네트워크 없이 쓸 수 있는 같은 파일의 사본(예: 패키지에 든 것). 해시가 맞을 때만 쓴다.


def data_root() -> Path:
    """모든 데이터가 저장되는 폴더."""
    configured = os.environ.get(DATA_ENV, "").strip()
    return Path(configured).expanduser() if configured else Path(pooch.os_cache("ailib"))


def source_url(remote: RemoteFile) -> str:
    """실제로 받을 주소: 미러가 있으면 미러, 없으면 원래 주소."""
    mirror = os.environ.get(MIRROR_ENV, "").strip()
    return f"{mirror.rstrip('/')}/{remote.path}" if mirror else remote.url


def sha256_of(path: Path) -> str:
    """파일의 SHA-256 (큰 파일도 조금씩 읽는다)."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(CHUNK_BYTES), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fetch(remote: RemoteFile) -> Path:
    """검증된 파일의 경로. 캐시 → 로컬 사본 → 내려받기 순서로 찾는다.

    `AILIB_OFFLINE=1`이면 네트워크를 쓰지 않고 DataUnavailable을 낸다.
    """
    cached = data_root() / remote.path
    if cached.is_file():
        if sha256_of(cached) == remote.sha256:
            return cached
        cached.unlink()
        print(f"[데이터 안내] 캐시의 {cached.name}이(가) 손상되어 지우고 다시 받습니다.", flush=True)
    for copy in remote.local_copies():
        if copy.is_file() and sha256_of(copy) == remote.sha256:
            return copy
    if offline_mode() == FORCE_STANDIN:
        raise DataUnavailable(
            f"AILIB_OFFLINE=1이라 {remote.path}을(를) 내려받지 않습니다. "
            f"(AILIB_OFFLINE=1: not downloading {remote.path}.)"
        )
    return _download(remote, cached)


def _download(remote: RemoteFile, target: Path) -> Path:
    url = source_url(remote)
    attempt = 0
    while True:
        try:
            _retrieve(url, remote, target)
            print(f"[데이터 안내] {url} 에서 받아 SHA-256을 확인하고 {target}에 저장했습니다.", flush=True)
            return target
        except DownloadFailed as error:
            attempt += 1
            if not error.transient or attempt > RETRIES:
                _remove_if_empty(target.parent)
                raise
            time.sleep(attempt)
        except ChecksumMismatch:
            _remove_if_empty(target.parent)
            raise


def _retrieve(url: str, remote: RemoteFile, target: Path) -> None:
    """한 번 내려받기. pooch가 임시 파일에 받아 해시가 맞을 때만 target으로 옮긴다."""
    downloader = _HashRecordingDownloader()
    try:
        with _quiet_pooch():
            pooch.retrieve(url, known_hash=f"sha256:{remote.sha256}", fname=target.name,
                           path=target.parent, downloader=downloader)
    except ValueError as error:  # pooch: 해시 불일치 (임시 파일은 pooch가 이미 지웠다)
        raise ChecksumMismatch(
            f"{target.name}의 SHA-256이 맞지 않아 받은 파일을 지웠습니다. 기대값 {remote.sha256}, "
            f"실제값 {downloader.sha256}, 주소 {url}. 미러나 원래 주소가 올바른지 확인하세요. "
            f"(Checksum mismatch for {target.name}: expected {remote.sha256}, got {downloader.sha256}; "
            f"the download was deleted. Check the mirror or source URL.)"
        ) from error
    except requests.RequestException as error:
        raise DownloadFailed(
            f"{url} 에서 {target.name}을(를) 받지 못했습니다[{type(error).__name__}]. 인터넷 연결을 확인하거나 "
            f"{MIRROR_ENV}로 미러를 지정하세요. (Could not download {target.name} from {url}: "
            f"{_short(error)}. Check the connection or set {MIRROR_ENV}.)",
            transient=_is_transient(error),
        ) from error


def _remove_if_empty(folder: Path) -> None:
    """실패한 내려받기가 만든 빈 폴더를 치운다."""
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def _is_transient(error: requests.RequestException) -> bool:
    """연결된 뒤 끊긴 것(다시 시도할 만함)인가, 서버에 아예 닿지 않은 것(바로 포기)인가."""
    if isinstance(error, requests.HTTPError):
        return error.response is not None and error.response.status_code >= 500
    if isinstance(error, requests.ConnectionError):  # 이름 풀이 실패, 연결 거부, 연결 시간 초과
        return False
    return True  # 받는 도중 끊김(ChunkedEncodingError), 읽기 시간 초과 등


def _short(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text[:160]}"


class _HashRecordingDownloader:
    """pooch의 HTTP 내려받기 + 받은 파일의 SHA-256 기록 (불일치 오류에 실제값을 적기 위해)."""

    def __init__(self) -> None:
        self.sha256 = "(받지 못함 / not received)"
        self._http = pooch.HTTPDownloader(
            progressbar=not in_book_build(), chunk_size=CHUNK_BYTES,
            timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
        )

    def __call__(self, url: str, output_file: str, pooch_instance: object) -> None:
        self._http(url, output_file, pooch_instance)
        self.sha256 = sha256_of(Path(output_file))


@contextlib.contextmanager
def _quiet_pooch() -> Iterator[None]:
    """pooch의 INFO 기록(표준 오류로 나간다)을 잠시 끈다. 안내는 우리가 표준 출력으로 한다."""
    logger = pooch.get_logger()
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
