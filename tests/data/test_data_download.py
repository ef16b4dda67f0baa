"""검증된 내려받기와 AILIB_OFFLINE 정책: 127.0.0.1의 진짜 HTTP 서버로 시험한다."""
import time
from dataclasses import replace

import pytest
from data_server import data_env, files_under, server  # noqa: F401 (pytest 고정 장치)

from ailib.data import download, mnist
from ailib.data.download import ChecksumMismatch, DownloadFailed, RemoteFile, data_root, fetch, source_url
from ailib.data.offline import DataUnavailable, real_or_standin, used_standin

CONTENT = b"0123456789" * 5000


def test_download_is_verified_cached_and_needs_no_network_the_second_time(server, data_env):
    remote = server.add("demo/file.bin", CONTENT)
    path = fetch(remote)
    assert path == data_env / "demo" / "file.bin"
    assert path.read_bytes() == CONTENT
    assert server.requests == ["demo/file.bin"]
    assert files_under(data_env) == [path]          # 임시 파일이 남지 않았다
    server.stop()
    assert fetch(remote) == path                    # 서버가 꺼져도 캐시에서
    assert server.requests == ["demo/file.bin"]


def test_without_mirror_the_original_url_is_used(server, monkeypatch, data_env):
    monkeypatch.delenv("AILIB_DATA_MIRROR")
    remote = replace(server.add("elsewhere/file.bin", CONTENT), path="demo/file.bin")
    assert source_url(remote) == f"{server.url}/elsewhere/file.bin"
    assert fetch(remote).read_bytes() == CONTENT
    monkeypatch.setenv("AILIB_DATA_MIRROR", "http://mirror.example/base/")
    assert source_url(remote) == "http://mirror.example/base/demo/file.bin"


def test_checksum_mismatch_deletes_the_file_and_names_both_hashes(server, data_env):
    good = server.add("demo/file.bin", CONTENT)
    wrong = replace(good, sha256="0" * 64)
    with pytest.raises(ChecksumMismatch) as caught:
        fetch(wrong)
    message = str(caught.value)
    assert "file.bin" in message and "0" * 64 in message and good.sha256 in message
    assert "SHA-256" in message and "Checksum mismatch" in message
    assert files_under(data_env) == []


def test_corrupted_cache_file_is_deleted_and_downloaded_again(server, data_env, capsys):
    remote = server.add("demo/file.bin", CONTENT)
    cached = data_env / "demo" / "file.bin"
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"garbage")
    assert fetch(remote).read_bytes() == CONTENT
    assert "손상" in capsys.readouterr().out


def test_interrupted_download_is_retried_and_leaves_nothing_behind(server, data_env):
    remote = server.add("demo/file.bin", CONTENT)
    server.cut.add("demo/file.bin")
    with pytest.raises(DownloadFailed, match="file.bin"):
        fetch(remote)
    assert server.requests == ["demo/file.bin"] * (download.RETRIES + 1)
    assert files_under(data_env) == []
    server.cut.clear()                              # 서버가 고쳐지면 다음 호출에서 받는다
    assert fetch(remote).read_bytes() == CONTENT


def test_unreachable_host_fails_fast_without_retrying(data_env, monkeypatch):
    monkeypatch.setenv("AILIB_DATA_MIRROR", "http://127.0.0.1:9")  # 닫힌 포트: 연결 거부
    started = time.perf_counter()
    with pytest.raises(DownloadFailed, match="ConnectionError"):
        fetch(RemoteFile("demo/file.bin", "http://unused.invalid/file.bin", "0" * 64))
    assert time.perf_counter() - started < 2.0
    assert [p.name for p in data_env.iterdir()] == [".locks"]  # 빈 데이터셋 폴더도 남기지 않는다


def test_missing_file_on_server_is_a_clear_error(server):
    with pytest.raises(DownloadFailed, match="404"):
        fetch(RemoteFile("demo/absent.bin", "http://unused.invalid/absent.bin", "0" * 64))


def test_book_build_download_writes_nothing_to_stderr(server, monkeypatch, capfd):
    monkeypatch.setenv("AILIB_BOOK_BUILD", "1")
    fetch(server.add("demo/file.bin", CONTENT))
    monkeypatch.setenv("AILIB_DATA_MIRROR", "http://127.0.0.1:9")
    with pytest.raises(DownloadFailed):
        fetch(RemoteFile("demo/other.bin", "http://unused.invalid/other.bin", "0" * 64))
    captured = capfd.readouterr()
    assert captured.err == ""
    assert "저장했습니다" in captured.out


def test_offline_1_uses_the_standin_without_touching_the_network(server, monkeypatch, data_env, capsys):
    monkeypatch.setenv("AILIB_OFFLINE", "1")
    remote = server.add("demo/file.bin", CONTENT)
    with pytest.raises(DataUnavailable, match="AILIB_OFFLINE=1"):
        fetch(remote)
    images, labels = mnist.load_mnist("test")
    assert server.requests == []
    assert images.shape[1:] == (1, 28, 28) and len(images) == len(labels)
    notice = capsys.readouterr().out.strip().splitlines()
    assert len(notice) == 1 and "MNIST" in notice[0] and "대체 데이터" in notice[0] and "AILIB_OFFLINE=1" in notice[0]
    assert used_standin("mnist")
    assert files_under(data_env) == []


def test_offline_0_makes_a_missing_source_a_hard_error(data_env, monkeypatch):
    monkeypatch.setenv("AILIB_OFFLINE", "0")
    monkeypatch.setenv("AILIB_DATA_MIRROR", "http://127.0.0.1:9")
    with pytest.raises(DataUnavailable, match="MNIST|mnist|train-images"):
        mnist.load_mnist("train")


def test_unset_offline_falls_back_with_one_korean_notice(data_env, monkeypatch, capsys):
    monkeypatch.setenv("AILIB_DATA_MIRROR", "http://127.0.0.1:9")
    started = time.perf_counter()
    images, labels = mnist.load_mnist("train")
    assert time.perf_counter() - started < 10.0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("[데이터 안내] MNIST: 대체 데이터(")
    assert "받지 못했습니다" in lines[0] and "인터넷 연결을 확인" in lines[0]
    assert used_standin("mnist") and images.shape == (len(labels), 1, 28, 28)


def test_real_data_is_recorded_as_not_standin(data_env):
    assert real_or_standin("demo", lambda: "real", lambda: "standin", label="시험", standin_name="가짜") == "real"
    assert used_standin("demo") is False
    with pytest.raises(KeyError, match="never-loaded"):
        used_standin("never-loaded")


@pytest.mark.parametrize("value", ["yes", "true", "2"])
def test_unknown_offline_value_is_rejected(data_env, monkeypatch, value):
    monkeypatch.setenv("AILIB_OFFLINE", value)
    with pytest.raises(ValueError, match="use 1, 0, or leave it unset"):
        mnist.load_mnist()


def test_data_root_defaults_to_a_per_user_cache(monkeypatch):
    monkeypatch.delenv("AILIB_DATA", raising=False)
    assert data_root().name == "ailib"
    monkeypatch.setenv("AILIB_DATA", "~/somewhere")
    assert "~" not in str(data_root())
