"""데이터 시험 공통: 127.0.0.1의 진짜 HTTP 서버와 격리된 데이터 폴더.

서버는 시험이 만든 폴더를 그대로 내보낸다. `cut` 에 넣은 경로는 머리말에 전체 길이를 적고 본문을 반만
보낸 뒤 연결을 끊는다(받는 도중 끊긴 내려받기). `stall`에 넣은 경로는 본문을 반 보낸 뒤 `stall_s`초 동안
멈춘다(읽기 시간 초과); 한 번 멈추면 그 경로는 `stall`에서 빠진다. `trickle`에 넣은 경로는 머리말에 전체
길이를 적고 본문을 `trickle_step`바이트씩 `trickle_every_s`초마다 보낸다(읽기 시간 초과가 끝없이 다시 시작되는
느린 서버). `delay_s`는 모든 응답을 늦춘다. 받은 요청은 `requests`에 기록된다.
"""
from __future__ import annotations

import functools
import hashlib
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ailib.data import offline
from ailib.data.download import LOCKS, RemoteFile


class DataServer:
    """폴더 하나를 http://127.0.0.1:<port>/ 로 내보내는 서버."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.cut: set[str] = set()
        self.stall: set[str] = set()
        self.stall_s = 2.0
        self.trickle: set[str] = set()
        self.trickle_step, self.trickle_every_s = 10, 0.05
        self.delay_s = 0.0
        self.requests: list[str] = []
        handler = functools.partial(_Handler, self, directory=str(folder))
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def add(self, path: str, content: bytes) -> RemoteFile:
        """content를 path에 두고, 그 파일을 가리키는 RemoteFile(진짜 SHA-256)을 돌려준다."""
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        return RemoteFile(path, f"{self.url}/{path}", hashlib.sha256(content).hexdigest())

    def stop(self) -> None:
        if self._thread.is_alive():
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join()


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, server_state: DataServer, *args, **kwargs) -> None:
        self.state = server_state
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        path = self.path.lstrip("/")
        self.state.requests.append(path)
        time.sleep(self.state.delay_s)
        stalled = path in self.state.stall
        if path not in self.state.cut | self.state.trickle and not stalled:
            super().do_GET()
            return
        body = (self.state.folder / path).read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if path in self.state.trickle:
            self._trickle(body)
            return
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        if stalled:
            self.state.stall.discard(path)
            time.sleep(self.state.stall_s)
        self.close_connection = True

    def _trickle(self, body: bytes) -> None:
        step = self.state.trickle_step
        try:
            for start in range(0, len(body), step):
                self.wfile.write(body[start:start + step])
                self.wfile.flush()
                time.sleep(self.state.trickle_every_s)
        except (BrokenPipeError, ConnectionResetError):  # 받는 쪽이 그만두었다
            pass
        self.close_connection = True

    def log_message(self, *args: object) -> None:  # 시험 출력에 접속 기록을 남기지 않는다
        pass


@pytest.fixture
def data_env(tmp_path, monkeypatch):
    """빈 데이터 폴더(AILIB_DATA), 미러·오프라인·책 빌드 설정 없음, 작업 폴더도 비어 있는 곳으로."""
    root = tmp_path / "data-root"
    monkeypatch.setenv("AILIB_DATA", str(root))
    for name in ("AILIB_OFFLINE", "AILIB_DATA_MIRROR", "AILIB_BOOK_BUILD"):
        monkeypatch.delenv(name, raising=False)
    workdir = tmp_path / "workdir"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    monkeypatch.setattr("ailib.data.download.RETRY_PAUSE_S", 0.0)  # 재시도 전에 쉬지 않는다
    monkeypatch.setattr(offline, "_noticed", set())        # 안내는 프로세스당 한 번: 시험마다 새로
    monkeypatch.setattr(offline, "_standin_used", {})
    return root


@pytest.fixture
def server(tmp_path, monkeypatch, data_env):
    """127.0.0.1의 HTTP 서버. AILIB_DATA_MIRROR가 이 서버를 가리킨다."""
    running = DataServer(tmp_path / "served")
    monkeypatch.setenv("AILIB_DATA_MIRROR", running.url)
    yield running
    running.stop()


def files_under(folder: Path) -> list[Path]:
    """folder 아래의 모든 파일 (폴더와 잠금 파일 폴더 .locks는 빼고)."""
    if not folder.exists():
        return []
    return sorted(path for path in folder.rglob("*") if path.is_file() and LOCKS not in path.relative_to(folder).parts)
