"""검증된 내려받기: 데이터 폴더, 미러, SHA-256 확인, 재시도, 잠금, 원자적 저장 (verified downloads).

모든 파일은 데이터 폴더 `AILIB_DATA`(기본값: 사용자 캐시 폴더의 ailib) 아래 `<데이터셋>/<파일>`에 둔다.
`AILIB_DATA_MIRROR`(http://, https:// 또는 file:// 주소)를 주면 원래 주소 대신 `<미러>/<데이터셋>/<파일>`에서
받는다. 즉 미러는 데이터 폴더와 같은 배치를 가진 웹 폴더(또는 로컬 폴더)다.

- 받는 동안 SHA-256을 계산하고, 맞을 때만 임시 파일을 제 이름으로 바꾼다 (끊기거나 손상된 파일이 멀쩡한
  파일처럼 남지 않는다). 권한은 umask를 따르므로 함께 쓰는 데이터 폴더에서 다른 사용자도 읽는다.
- 파일마다 잠금(`<데이터 폴더>/.locks/…`)을 잡고, 잡은 뒤 캐시를 다시 확인한다: 여러 프로세스가 한 폴더를
  함께 써도 한 번만 받고, 남이 막 받은 파일을 지우지 않는다. 죽은 프로세스가 남긴 임시 파일은 치운다.
  남이 잡고 있으면 누가 잡았는지 알리고 기다리되, 그쪽의 임시 파일이 `AILIB_DATA_LOCK_WAIT`초(기본 120)
  동안 자라지 않으면 DataBusy로 그만둔다.
- 연결된 뒤에 끊기거나 읽기 시간이 초과되면(5xx 포함) 다시 시도한다. 서버에 아예 닿지 않으면 바로 포기한다.
- 바이트가 조금씩 와서 읽기 시간 초과가 끝없이 다시 시작되는 서버도 막는다: 30초 동안의 평균 속도가
  `AILIB_DOWNLOAD_MIN_RATE` kB/s(기본 10, 0이면 끔)보다 느리면 그만둔다.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlparse
from urllib.request import url2pathname

import pooch
import requests
from urllib3.exceptions import HTTPError as TransportError

from ailib.data.offline import NO_NETWORK, DataUnavailable, offline_mode
from ailib.files import LockBusy, atomic_write, file_lock, partial_bytes
from ailib.runtime import in_book_build

DATA_ENV = "AILIB_DATA"
MIRROR_ENV = "AILIB_DATA_MIRROR"
MIN_RATE_ENV = "AILIB_DOWNLOAD_MIN_RATE"   # kB/s
LOCK_WAIT_ENV = "AILIB_DATA_LOCK_WAIT"     # 초
CONNECT_TIMEOUT_S = 5      # 닿지 않는 서버는 빨리 포기한다 (오프라인이면 바로 대체 데이터로)
READ_TIMEOUT_S = 60
RETRIES = 2                # 연결된 뒤 끊긴 경우에만 다시 시도한다
RETRY_PAUSE_S = 1.0        # n번째 재시도 전에 n × 이만큼 쉰다
MIN_RATE_KB_S = 10.0       # 기본 최소 속도: 755 MB인 Pets 사진도 하루 안에 끝나는 속도
RATE_WINDOW_S = 30.0       # 속도는 이 구간마다의 평균으로 잰다 (잠깐의 끊김은 봐준다)
LOCK_WAIT_S = 120.0        # 잠금을 잡은 쪽이 이만큼 진행 없으면 기다리기를 그만둔다
CHUNK_BYTES = 1 << 20
LOCKS = ".locks"
_SCHEMES = ("http", "https", "file")


class ChecksumMismatch(DataUnavailable):
    """받은 파일의 SHA-256이 고정해 둔 값과 다르다 (파일은 이미 지웠다)."""

    reason = "받은 파일의 SHA-256이 고정해 둔 값과 달라 버렸습니다"
    advice = f"미러({MIRROR_ENV})나 원래 주소가 올바른지 확인하세요"


class DownloadFailed(DataUnavailable):
    """서버에 닿지 못했거나 받는 도중 끊겼다. transient: 다시 시도할 만한가(연결된 뒤 끊김, 5xx)."""

    reason = "내려받지 못했습니다(네트워크 오류)"
    advice = f"인터넷 연결을 확인하고 다시 실행하거나, {MIRROR_ENV}로 미러를 지정하세요"

    def __init__(self, message: str, *, transient: bool = False, **notice: str) -> None:
        super().__init__(message, **notice)
        self.transient = transient


class NetworkDisabled(DataUnavailable):
    """`AILIB_OFFLINE=1`인데 데이터 폴더에 받아 둔 파일이 없다."""

    reason = "AILIB_OFFLINE=1이라 네트워크를 쓰지 않았고, 데이터 폴더에 받아 둔 파일이 없습니다"


class DataBusy(DataUnavailable):
    """다른 프로세스가 파일의 잠금을 잡은 채 `AILIB_DATA_LOCK_WAIT`초 동안 진행이 없다."""

    advice = (f"그 프로세스가 끝난 뒤 다시 실행하거나, 멈춰 있다면 끝내세요(더 기다리려면 "
              f"`{LOCK_WAIT_ENV}=600`처럼 초를 주세요)")


class DataFolderUnusable(DataUnavailable):
    """데이터 폴더(`AILIB_DATA`)에 폴더나 파일을 만들 수 없다."""

    advice = f"{DATA_ENV}를 쓸 수 있는 폴더로 지정하세요 (예: `export {DATA_ENV}=~/ailib-data`)"


class BadMirror(DataUnavailable):
    """`AILIB_DATA_MIRROR`가 http://, https://, file:// 주소가 아니다."""

    advice = f"{MIRROR_ENV}를 `https://…` 또는 `file:///…` 주소로 고치거나 지우세요"


@dataclass(frozen=True)
class RemoteFile:
    """내려받을 파일 하나: 데이터 폴더 안 경로, 원래 주소, 고정한 SHA-256."""

    path: str                     # 데이터 폴더 기준 경로, 예: "mnist/t10k-images-idx3-ubyte.gz"
    url: str
    sha256: str
    local_copies: Callable[[], list[Path]] = field(default=lambda: [], compare=False)
    # ↑ 네트워크 없이 쓸 수 있는 같은 파일의 사본(예: 패키지에 든 것). 해시가 맞을 때만 쓴다.

    @property
    def dataset(self) -> str:
        """`python -m ailib.data`에 쓰는 이름 (경로의 첫 폴더)."""
        return self.path.split("/")[0]


def data_root() -> Path:
    """모든 데이터가 저장되는 폴더."""
    configured = os.environ.get(DATA_ENV, "").strip()
    return Path(configured).expanduser() if configured else Path(pooch.os_cache("ailib"))


def source_url(remote: RemoteFile) -> str:
    """실제로 받을 주소: 미러가 있으면 미러, 없으면 원래 주소. 미러가 주소가 아니면 BadMirror."""
    mirror = os.environ.get(MIRROR_ENV, "").strip()
    if not mirror:
        return remote.url
    parsed = urlparse(mirror)
    if parsed.scheme not in _SCHEMES:
        raise BadMirror(
            f"{MIRROR_ENV}={mirror!r}은(는) http://, https://, file:// 로 시작하는 주소가 아닙니다. "
            f"예: https://example.org/ailib-data 또는 file:///srv/ailib-data. "
            f"({MIRROR_ENV}={mirror!r} is not an http://, https:// or file:// URL.)",
            reason=f"{MIRROR_ENV} 값 {mirror!r}이(가) 주소 형식이 아닙니다",
        )
    if parsed.scheme == "file" and parsed.netloc not in ("", "localhost"):
        raise BadMirror(
            f"{MIRROR_ENV}={mirror!r}의 file:// 주소에 컴퓨터 이름 {parsed.netloc!r}이(가) 들어 있습니다. "
            f"file:// 미러는 이 컴퓨터의 폴더만 가리킵니다: 슬래시 세 개로 file:///srv/ailib-data처럼 쓰고, "
            f"다른 컴퓨터의 폴더는 마운트하거나 http(s)로 내보내세요. ({MIRROR_ENV}={mirror!r} names the host "
            f"{parsed.netloc!r}; a file:// mirror must be a local folder such as file:///srv/ailib-data.)",
            reason=f"{MIRROR_ENV}의 file:// 주소에 다른 컴퓨터 {parsed.netloc!r}이(가) 들어 있습니다",
        )
    return f"{mirror.rstrip('/')}/{remote.path}"


_hashes: dict[tuple, str] = {}


def sha256_of(path: Path) -> str:
    """파일의 SHA-256 (큰 파일도 조금씩 읽는다). 같은 프로세스에서 바뀌지 않은 파일은 다시 읽지 않는다."""
    status = os.stat(path)
    key = (str(path), status.st_ino, status.st_size, status.st_mtime_ns)
    if key not in _hashes:
        digest = hashlib.sha256()
        with open(path, "rb") as stream:
            for chunk in iter(lambda: stream.read(CHUNK_BYTES), b""):
                digest.update(chunk)
        _hashes[key] = digest.hexdigest()
    return _hashes[key]


def verified(path: Path, sha256: str) -> bool:
    """path가 있고 SHA-256이 맞는가 (없거나 읽을 수 없으면 False)."""
    try:
        return path.is_file() and sha256_of(path) == sha256
    except OSError:
        return False


def available_copy(remote: RemoteFile) -> Path | None:
    """네트워크 없이 쓸 수 있는 검증된 파일(데이터 폴더의 캐시나 로컬 사본), 없으면 None. 아무것도 쓰지 않는다."""
    cached = data_root() / remote.path
    if verified(cached, remote.sha256):
        return cached
    return next((copy for copy in remote.local_copies() if verified(copy, remote.sha256)), None)


def fetch(remote: RemoteFile) -> Path:
    """검증된 파일의 경로. 캐시 → 로컬 사본 → 내려받기 순서로 찾는다.

    `AILIB_OFFLINE=1`이면 네트워크를 쓰지 않는다: 받아 둔 파일이 없으면 NetworkDisabled.
    """
    found = available_copy(remote)
    if found is not None:
        return found
    if offline_mode() == NO_NETWORK:
        raise _offline_error(remote)
    url = source_url(remote)
    cached = data_root() / remote.path
    with data_lock(remote.path):
        if verified(cached, remote.sha256):  # 기다리는 동안 다른 프로세스가 받아 두었다
            return cached
        if cached.exists():
            cached.unlink()
            print(f"[데이터 안내] 캐시의 {cached.name}이(가) 손상되어 지우고 다시 받습니다.", flush=True)
        return _download(url, remote, cached)


def _offline_error(remote: RemoteFile) -> NetworkDisabled:
    """AILIB_OFFLINE=1인데 쓸 파일이 없다: 아예 없는가, 있지만 SHA-256이 맞지 않는가."""
    cached = data_root() / remote.path
    again = f"`python -m ailib.data {remote.dataset}`"
    if cached.is_file():
        return NetworkDisabled(
            f"AILIB_OFFLINE=1이라 내려받지 않습니다. 데이터 폴더의 {cached}은(는) SHA-256이 고정해 둔 값과 "
            f"달라(손상되었거나 다른 파일) 쓰지 않았습니다. 그 파일을 지우고 인터넷이 되는 곳에서 {again}로 "
            f"다시 받으세요. (AILIB_OFFLINE=1: the cached {cached} failed its SHA-256 check and was not used; "
            f"delete it and download it again with python -m ailib.data {remote.dataset}.)",
            reason=f"AILIB_OFFLINE=1이라 네트워크를 쓰지 않았고, 데이터 폴더의 {cached.name}은(는) SHA-256 "
                   f"확인에 실패했습니다(손상된 파일)",
            advice=f"그 파일을 지우고 인터넷이 되는 곳에서 {again}로 다시 받으세요",
        )
    return NetworkDisabled(
        f"AILIB_OFFLINE=1이라 {remote.path}을(를) 내려받지 않습니다. 인터넷이 되는 곳에서 "
        f"{again}로 받아 두세요. "
        f"(AILIB_OFFLINE=1: not downloading {remote.path}; prefetch it with python -m ailib.data.)",
        advice=f"인터넷이 되는 곳에서 {again}로 받아 두면 오프라인에서도 실제 데이터를 씁니다",
    )


@contextlib.contextmanager
def data_lock(path: str) -> Iterator[None]:
    """데이터 폴더 안 path(파일이나 폴더, 데이터 폴더 기준)의 잠금. 남이 잡고 있으면 누구인지 알리고
    기다리되, 그쪽의 임시 파일·폴더가 `AILIB_DATA_LOCK_WAIT`초 동안 자라지 않으면 DataBusy.
    잠금 파일을 만들 수 없으면 DataFolderUnusable."""
    target = data_root() / path
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(file_lock(
                data_root() / LOCKS / f"{path}.lock", patience_s=setting(LOCK_WAIT_ENV, LOCK_WAIT_S),
                progress=lambda: partial_bytes(target), on_wait=lambda holder: _announce_wait(path, holder)))
        except LockBusy as busy:
            raise _busy(path, busy) from busy
        except OSError as error:
            raise unusable_folder(error) from error
        yield


def _announce_wait(path: str, holder: str) -> None:
    print(f"[데이터 안내] {path}: 다른 프로세스({holder})가 먼저 잡고 있어 기다립니다. 그쪽의 진행이 "
          f"{setting(LOCK_WAIT_ENV, LOCK_WAIT_S):g}초 동안 없으면 그만둡니다({LOCK_WAIT_ENV}).", flush=True)


def _busy(path: str, busy: LockBusy) -> DataBusy:
    return DataBusy(
        f"{path}의 잠금({busy.path})을 다른 프로세스({busy.holder})가 잡은 채 {busy.waited_s:.0f}초 동안 "
        f"진행이 없어 기다리기를 그만둡니다. 그 프로세스가 끝난 뒤 다시 실행하거나, 멈춰 있다면 끝내세요. "
        f"더 오래 기다리려면 {LOCK_WAIT_ENV}에 초를 주세요. (Gave up waiting for {path}: its lock "
        f"{busy.path} is held by {busy.holder}, with no progress for {busy.waited_s:.0f} s. Rerun when that "
        f"process has finished, end it if it is stuck, or raise {LOCK_WAIT_ENV}.)",
        reason=f"다른 프로세스({busy.holder})가 {Path(path).name}을(를) 잡은 채 진행이 없습니다",
    )


def setting(name: str, default: float) -> float:
    """0 이상의 숫자 환경 변수 (비어 있으면 default). 잘못된 값은 고칠 방법을 알려 주는 ValueError."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number >= 0 or number == float("inf"):
        raise ValueError(
            f"{name}={value!r}은(는) 0 이상의 숫자가 아닙니다. 예: {name}={default:g}. 지우면 기본값 "
            f"{default:g}을(를) 씁니다. ({name}={value!r} is not a number >= 0; unset it for {default:g}.)"
        )
    return number


def unusable_folder(error: OSError) -> DataFolderUnusable:
    """데이터 폴더에 쓰다가 난 OSError → 무엇을 하면 되는지 알려 주는 DataFolderUnusable."""
    root = data_root()
    problem = f"{type(error).__name__}: {error.strerror or error}"
    return DataFolderUnusable(
        f"데이터 폴더 {root}에 파일을 만들 수 없습니다({problem}). {DATA_ENV}를 쓸 수 있는 폴더로 지정하세요. "
        f"(The data folder {root} is not writable ({problem}); point {DATA_ENV} at a writable folder.)",
        reason=f"데이터 폴더 {root}({DATA_ENV})에 파일을 만들 수 없습니다",
    )


def _download(url: str, remote: RemoteFile, target: Path) -> Path:
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
            time.sleep(attempt * RETRY_PAUSE_S)
        except DataUnavailable:
            _remove_if_empty(target.parent)
            raise


def _remove_if_empty(folder: Path) -> None:
    """실패한 내려받기가 만든 빈 폴더를 치운다."""
    with contextlib.suppress(OSError):
        folder.rmdir()  # 비어 있지 않으면 OSError


def _retrieve(url: str, remote: RemoteFile, target: Path) -> None:
    """한 번 내려받기: 임시 파일에 받으며 해시를 계산하고, 맞을 때만 target으로 바꾼다."""
    try:
        with atomic_write(target) as stream:
            digest = _transfer(url, stream, target.name)
            if digest != remote.sha256:
                raise ChecksumMismatch(
                    f"{target.name}의 SHA-256이 맞지 않아 받은 파일을 지웠습니다. 기대값 {remote.sha256}, "
                    f"실제값 {digest}, 주소 {url}. 미러나 원래 주소가 올바른지 확인하세요. "
                    f"(Checksum mismatch for {target.name}: expected {remote.sha256}, got {digest}; "
                    f"the download was deleted. Check the mirror or source URL.)"
                )
    except OSError as error:
        if isinstance(error, requests.RequestException):
            raise
        raise unusable_folder(error) from error


def _transfer(url: str, stream: BinaryIO, name: str) -> str:
    """url의 내용을 stream에 쓰고 SHA-256을 돌려준다."""
    digest = _HashingWriter(stream)
    if urlparse(url).scheme == "file":
        _copy_from_mirror(Path(url2pathname(urlparse(url).path)), digest, name)
        return digest.hexdigest()
    try:
        response = requests.get(url, stream=True, timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S))
    except requests.RequestException as error:  # 연결 전: 연결 시간 초과·거부·이름 풀이 실패는 바로 포기
        raise _failed(url, name, error, transient=isinstance(error, requests.ReadTimeout)) from error
    with response:
        if response.status_code >= 400:
            raise DownloadFailed(
                f"{url} 에서 {name}을(를) 받지 못했습니다(HTTP {response.status_code}). "
                f"(Could not download {name} from {url}: HTTP {response.status_code}.)",
                transient=response.status_code >= 500,
                reason=f"서버가 {name}을(를) 주지 않았습니다(HTTP {response.status_code})",
            )
        total = int(response.headers.get("Content-Length", 0)) or None
        with _progress(total, name) as bar:
            _receive(response, digest, bar, url, name)
    return digest.hexdigest()


def _receive(response: requests.Response, digest: _HashingWriter, bar, url: str, name: str) -> None:
    """본문을 digest에 쓴다. read1은 도착한 만큼 바로 돌려주므로(1 MiB가 찰 때까지 기다리지 않는다),
    바이트가 조금씩 오는 서버에서도 속도를 잴 수 있다."""
    min_rate = setting(MIN_RATE_ENV, MIN_RATE_KB_S) * 1000
    window_start, window_bytes = time.monotonic(), 0
    while True:
        try:
            chunk = response.raw.read1(CHUNK_BYTES, decode_content=True)
        except (requests.RequestException, TransportError) as error:  # 연결된 뒤: 끊김, 읽기 시간 초과
            raise _failed(url, name, error, transient=True) from error
        if not chunk:
            return
        digest.write(chunk)
        bar.update(len(chunk))
        window_bytes += len(chunk)
        elapsed = time.monotonic() - window_start
        if elapsed >= RATE_WINDOW_S:
            if window_bytes < min_rate * elapsed:
                raise _too_slow(url, name, window_bytes / elapsed / 1000, min_rate / 1000)
            window_start, window_bytes = time.monotonic(), 0


def _too_slow(url: str, name: str, rate_kb_s: float, min_kb_s: float) -> DownloadFailed:
    return DownloadFailed(
        f"{url} 에서 {name}을(를) 받는 속도가 {rate_kb_s:.2f} kB/s로, 최소 속도 {min_kb_s:g} kB/s"
        f"({RATE_WINDOW_S:g}초 평균)보다 느려 멈췄습니다. 연결을 확인하거나 {MIRROR_ENV}로 미러를 지정하세요. "
        f"느린 연결에서 끝까지 받으려면 {MIN_RATE_ENV}=0(끔)이나 더 작은 값을 주세요. (Downloading {name} from "
        f"{url} ran at {rate_kb_s:.2f} kB/s, below the minimum {min_kb_s:g} kB/s over {RATE_WINDOW_S:g} s; "
        f"stopped. Check the connection, set {MIRROR_ENV}, or lower {MIN_RATE_ENV} (0 turns the check off).)",
        reason=f"서버가 너무 느려({rate_kb_s:.2f} kB/s) 내려받기를 멈췄습니다",
        advice=f"연결을 확인하거나 {MIRROR_ENV}로 미러를 지정하세요(느린 연결이면 `{MIN_RATE_ENV}=0`)",
    )


def _copy_from_mirror(source: Path, digest: _HashingWriter, name: str) -> None:
    """file:// 미러의 파일을 digest에 쓴다. 미러 쪽 문제(없음, 폴더, 읽을 수 없음)는 DownloadFailed."""
    layout = f"{MIRROR_ENV}가 가리키는 폴더에 `<데이터셋>/<파일>` 배치로 파일을 두세요"
    if source.is_dir():
        raise DownloadFailed(
            f"미러의 {source}은(는) 파일이 아니라 폴더입니다. {MIRROR_ENV}가 가리키는 폴더에 "
            f"<데이터셋>/<파일> 배치로 파일을 두세요. (The mirror entry {source} is a folder, not a file.)",
            reason=f"미러의 {name}이(가) 파일이 아니라 폴더입니다", advice=layout,
        )
    try:
        local = open(source, "rb")
    except FileNotFoundError as error:
        raise DownloadFailed(
            f"미러 폴더에 {source}이(가) 없습니다. (The mirror folder has no {source}.)",
            reason=f"미러 폴더에 {name}이(가) 없습니다", advice=layout,
        ) from error
    except OSError as error:
        problem = f"{type(error).__name__}: {error.strerror or error}"
        raise DownloadFailed(
            f"미러의 {source}을(를) 읽을 수 없습니다({problem}). (Cannot read the mirror file {source}: {problem}.)",
            reason=f"미러의 {name}을(를) 읽을 수 없습니다",
            advice="미러 폴더의 파일 권한을 확인하세요",
        ) from error
    with local:
        shutil.copyfileobj(local, digest, CHUNK_BYTES)


def _failed(url: str, name: str, error: requests.RequestException, *, transient: bool) -> DownloadFailed:
    return DownloadFailed(
        f"{url} 에서 {name}을(를) 받지 못했습니다({_short(error)}). 인터넷 연결을 확인하거나 "
        f"{MIRROR_ENV}로 미러를 지정하세요. (Could not download {name} from {url}: "
        f"{_short(error)}. Check the connection or set {MIRROR_ENV}.)",
        transient=transient,
    )


class _HashingWriter:
    """쓰는 바이트의 SHA-256을 함께 계산한다."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream, self._digest = stream, hashlib.sha256()

    def write(self, chunk: bytes) -> int:
        self._digest.update(chunk)
        return self._stream.write(chunk)

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def _progress(total: int | None, name: str):
    """진행 막대 (책 빌드에서는 표준 오류에 쓰지 않도록 끈다)."""
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="B", unit_scale=True, desc=name, leave=False, disable=in_book_build())


def _short(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text[:160]}"
