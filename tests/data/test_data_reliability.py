"""데이터 층의 신뢰성 (issue 11의 8–12번, issue 17의 안내 상자): 오프라인 캐시, 쓸 수 없는 데이터 폴더,
umask, 여러 프로세스, 읽기 시간 초과, 미러 주소, 남은 임시 파일. 127.0.0.1의 진짜 HTTP 서버로 시험한다."""
import os
import stat
import subprocess
import sys
import threading
from dataclasses import replace

import pytest
from data_server import data_env, files_under, server  # noqa: F401 (pytest 고정 장치)

from ailib.data import boston, download, mnist, netflix, offline, text
from ailib.data.download import BadMirror, DownloadFailed, fetch
from ailib.data.offline import used_standin
from ailib.files import _owner_tag, atomic_write, remove_stale_partials

CONTENT = b"0123456789" * 5000


# 8. AILIB_OFFLINE=1은 "네트워크를 쓰지 않는다": 받아 둔 실제 파일은 쓴다 -------------------------------

def test_offline_1_uses_verified_cached_files_and_never_the_network(server, monkeypatch, capsys):
    monkeypatch.setattr(text, "TINY_SHAKESPEARE", server.add(text.TINY_SHAKESPEARE.path, b"To be, or not to be"))
    text.load_text_corpus()                                     # 인터넷이 될 때 한 번 받아 둔다
    assert not used_standin("text") and len(server.requests) == 1
    monkeypatch.setenv("AILIB_OFFLINE", "1")
    capsys.readouterr()
    assert text.load_text_corpus() == "To be, or not to be" and not used_standin("text")
    assert len(server.requests) == 1 and capsys.readouterr().out == ""
    netflix.load_netflix()                                      # 받아 두지 않은 것만 대체 데이터
    assert used_standin("netflix") and len(server.requests) == 1
    notice = capsys.readouterr().out
    assert "AILIB_OFFLINE=1" in notice and "python -m ailib.data netflix" in notice
    assert "인터넷에 연결한 뒤" not in notice


def test_boston_follows_the_policy_and_reports_used_standin(data_env, monkeypatch, capsys):
    assert boston.load_boston().shape == (506, 14) and used_standin("boston") is False  # mlxtend 사본
    monkeypatch.setattr(boston, "BOSTON_CSV", replace(boston.BOSTON_CSV, local_copies=lambda: []))
    monkeypatch.setenv("AILIB_OFFLINE", "1")
    table = boston.load_boston()
    assert used_standin("boston") is True
    assert list(table.columns) == list(boston.BOSTON_COLUMNS) and table.shape == (506, 14)
    assert table.notna().all().all() and table["MEDV"].between(5, 50).all()
    assert "보스턴 집값" in capsys.readouterr().out
    monkeypatch.setenv("AILIB_OFFLINE", "0")
    monkeypatch.setenv("AILIB_DATA_MIRROR", "http://127.0.0.1:9")
    with pytest.raises(DownloadFailed, match="boston_housing.csv"):
        boston.load_boston()


# 9. 쓸 수 없는 AILIB_DATA ---------------------------------------------------------------------------

def test_a_data_folder_that_is_a_file_falls_back_and_names_ailib_data(data_env, monkeypatch, capsys, tmp_path):
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_text("x")
    monkeypatch.setenv("AILIB_DATA", str(not_a_folder))
    text.load_text_corpus()
    assert used_standin("text")
    line = capsys.readouterr().out.strip()
    assert "AILIB_DATA" in line and str(not_a_folder) in line and "Traceback" not in line
    monkeypatch.setenv("AILIB_OFFLINE", "0")
    with pytest.raises(download.DataFolderUnusable, match="AILIB_DATA"):
        text.load_text_corpus()
    result = subprocess.run([sys.executable, "-m", "ailib.data", "text"], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "AILIB_DATA": str(not_a_folder)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "AILIB_DATA" in result.stderr and "writable" in result.stderr


# 10. 권한은 umask를 따른다 --------------------------------------------------------------------------

@pytest.fixture
def group_umask():
    previous = os.umask(0o002)
    yield
    os.umask(previous)


def test_downloaded_files_respect_the_umask(server, data_env, group_umask):
    path = fetch(server.add("demo/file.bin", CONTENT))
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    with atomic_write(data_env / "demo" / "other.bin") as stream:
        stream.write(b"x")
    assert stat.S_IMODE((data_env / "demo" / "other.bin").stat().st_mode) == 0o664


# 11. 여러 프로세스가 한 데이터 폴더를 함께 쓴다 --------------------------------------------------------------

def test_concurrent_fetches_of_a_corrupted_file_download_it_once(server, data_env):
    remote = server.add("demo/file.bin", CONTENT)
    cached = data_env / "demo" / "file.bin"
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"garbage")
    server.delay_s = 0.3                              # 받는 동안 다른 쪽이 끼어들 시간
    results, errors = [], []

    def worker() -> None:
        try:
            results.append(fetch(remote).read_bytes())
        except Exception as error:  # noqa: BLE001 (시험이 모든 오류를 모은다)
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and results == [CONTENT] * 4
    assert server.requests == ["demo/file.bin"]       # 잠금을 잡은 뒤 다시 확인하므로 한 번만 받는다
    assert files_under(data_env) == [cached]


# 12. 내려받기: 읽기 시간 초과, 미러 주소, 남은 임시 파일 ----------------------------------------------------------

def test_a_read_timeout_in_the_middle_of_a_transfer_is_retried(server, data_env, monkeypatch):
    monkeypatch.setattr(download, "READ_TIMEOUT_S", 0.3)
    remote = server.add("demo/file.bin", CONTENT * 20)
    server.stall.add("demo/file.bin")
    server.stall_s = 1.5
    assert fetch(remote).read_bytes() == CONTENT * 20
    assert server.requests == ["demo/file.bin"] * 2


def test_a_mirror_without_scheme_is_a_clear_error_and_file_urls_work(server, data_env, monkeypatch, capsys):
    remote = server.add("demo/file.bin", CONTENT)
    monkeypatch.setenv("AILIB_DATA_MIRROR", server.url.removeprefix("http://"))
    with pytest.raises(BadMirror, match="AILIB_DATA_MIRROR") as caught:
        fetch(remote)
    assert "SHA-256" not in str(caught.value) and "https://" in str(caught.value)
    monkeypatch.setenv("AILIB_DATA_MIRROR", server.folder.as_uri())
    assert fetch(remote).read_bytes() == CONTENT and server.requests == []
    with pytest.raises(DownloadFailed, match="absent.bin"):
        fetch(replace(remote, path="demo/absent.bin"))


def test_partial_files_of_dead_processes_are_cleaned_up(server, data_env):
    target = data_env / "demo" / "file.bin"
    target.parent.mkdir(parents=True)
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    host = _owner_tag().rpartition("-")[0]
    stale = target.parent / f".file.bin.{host}-{finished.pid}.abc123.partial"
    mine = target.parent / f".file.bin.{host}-{os.getpid()}.def456.partial"   # 살아 있는 프로세스의 것
    stale.write_bytes(b"half")
    mine.write_bytes(b"half")
    fetch(server.add("demo/file.bin", CONTENT))
    assert not stale.exists() and mine.exists()
    assert remove_stale_partials(target) == []


# issue 17: 안내는 짧고, 이유에 맞는 할 일을 말하며, 데이터셋마다 한 번 ------------------------------------------

def test_the_notice_is_short_fits_the_reason_and_comes_once_per_dataset(data_env, monkeypatch, capsys):
    monkeypatch.setenv("AILIB_DATA_MIRROR", "http://127.0.0.1:9")      # 네트워크 실패
    mnist.load_mnist("train")
    mnist.load_mnist("test")
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("[데이터 안내] MNIST: 대체 데이터(")
    assert "인터넷 연결을 확인" in lines[0]
    assert "ConnectionError" not in lines[0] and "http" not in lines[0] and len(lines[0]) < 200
    monkeypatch.setenv("AILIB_OFFLINE", "1")                            # 일부러 오프라인
    text.load_text_corpus()
    line = capsys.readouterr().out.strip()
    assert "python -m ailib.data text" in line and "인터넷 연결을 확인" not in line
    html = offline.notice_html("MNIST", "손글씨", download.NetworkDisabled("x", advice="`python -m ailib.data mnist`"))
    assert html.startswith('<div class="admonition note') and "<code>python -m ailib.data mnist</code>" in html
