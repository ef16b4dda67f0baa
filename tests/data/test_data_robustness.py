"""데이터 층의 신뢰성, 세 번째 (issue 24의 3–5, 8번): 끝없는 내려받기, 잠금 기다리기, 여러 프로세스의 압축 풀기,
죽은 풀기가 남긴 임시 폴더, 안내 문구. 127.0.0.1의 진짜 HTTP 서버와 진짜 프로세스(SIGKILL 포함)로 시험한다."""
import io
import multiprocessing
import os
import signal
import socket
import stat
import subprocess
import sys
import tarfile
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from data_server import data_env, files_under, server  # noqa: F401 (pytest 고정 장치)
from test_data_formats import pets_archives

from ailib.data import download, pets, text
from ailib.data.archive import extract
from ailib.data.download import BadMirror, DataBusy, DownloadFailed, fetch
from ailib.data.offline import used_standin

CONTENT = b"0123456789" * 5000
HOLD_LOCK = """
import sys, time
from pathlib import Path
from ailib.files import file_lock
with file_lock(Path(sys.argv[1]), patience_s=1):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def finishes_within(seconds: float, function, *args):
    """function(*args)를 딴 스레드에서 실행해 (결과, 오류)를 돌려준다. seconds 안에 끝나지 않으면 실패."""
    outcome = {}

    def run() -> None:
        try:
            outcome["result"] = function(*args)
        except Exception as error:  # noqa: BLE001 (시험이 오류를 살펴본다)
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        pytest.fail(f"{seconds}초가 지나도 끝나지 않습니다 (still running after {seconds} s: it hangs)")
    return outcome.get("result"), outcome.get("error")


# 3. 바이트가 조금씩 오는 서버, 놓지 않는 잠금 ------------------------------------------------------------------

def test_a_trickling_server_is_given_up_on_below_the_minimum_rate(server, data_env, monkeypatch, capsys):
    monkeypatch.setenv("AILIB_DOWNLOAD_MIN_RATE", "2")          # kB/s; 서버는 0.2 kB/s로 보낸다
    monkeypatch.setattr(download, "RATE_WINDOW_S", 0.5)
    remote = server.add("demo/slow.bin", CONTENT)
    server.trickle.add("demo/slow.bin")
    _, error = finishes_within(10, fetch, remote)               # 예전에는 250초(50 kB ÷ 0.2 kB/s) 넘게 걸렸다
    assert isinstance(error, DownloadFailed)
    assert "AILIB_DOWNLOAD_MIN_RATE" in str(error) and "kB/s" in str(error)
    assert server.requests == ["demo/slow.bin"]                  # 느린 서버는 다시 시도하지 않는다
    assert files_under(data_env) == []                           # 받다 만 파일이 남지 않는다
    monkeypatch.setattr(text, "TINY_SHAKESPEARE", remote)         # 불러오기는 이유를 말하며 대체 데이터로
    finishes_within(10, text.load_text_corpus)
    assert used_standin("text") and "너무 느려" in capsys.readouterr().out


def test_a_stuck_lock_holder_is_named_and_given_up_on(server, data_env, monkeypatch, capsys):
    remote = server.add("demo/file.bin", CONTENT)
    lock = data_env / ".locks" / "demo" / "file.bin.lock"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(lock), "60"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        monkeypatch.setenv("AILIB_DATA_LOCK_WAIT", "0.5")
        _, error = finishes_within(10, fetch, remote)
    finally:
        holder.kill()
        holder.wait()
    assert isinstance(error, DataBusy)
    who = f"pid {holder.pid} @ {socket.gethostname()}"
    assert who in str(error) and "AILIB_DATA_LOCK_WAIT" in str(error)
    assert who in capsys.readouterr().out                        # 기다리기 시작할 때도 누구인지 알린다
    assert server.requests == []
    assert fetch(remote).read_bytes() == CONTENT                 # 잡은 쪽이 죽으면 잠금이 풀린다


def test_a_waiting_process_keeps_waiting_while_the_holder_makes_progress(server, data_env, monkeypatch):
    remote = server.add("demo/file.bin", CONTENT)
    lock = data_env / ".locks" / "demo" / "file.bin.lock"
    growing = data_env / "demo" / ".file.bin.elsewhere-1.x.partial"   # 잡은 쪽이 받고 있는 임시 파일
    growing.parent.mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(lock), "4"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    monkeypatch.setenv("AILIB_DATA_LOCK_WAIT", "1.5")
    released = []

    def grow() -> None:
        while holder.poll() is None:
            with growing.open("ab") as stream:
                stream.write(b"x" * 100)
            time.sleep(0.1)
        released.append(time.monotonic())

    grower = threading.Thread(target=grow)
    started = time.monotonic()
    grower.start()
    result, error = finishes_within(20, fetch, remote)
    grower.join()
    assert error is None and result.read_bytes() == CONTENT
    assert released[0] - started > 1.5                         # 1.5초보다 오래, 진행이 있는 동안 기다렸다


# 4. 두 프로세스가 한꺼번에 Pets를 푼다 --------------------------------------------------------------------------

def _load_pets_in_a_child(root: str, hashes: tuple[str, str], barrier, results) -> None:
    os.environ.update(AILIB_DATA=root, AILIB_OFFLINE="0")       # 받아 둔 압축 파일만 쓴다
    pets.IMAGES = replace(pets.IMAGES, sha256=hashes[0])
    pets.ANNOTATIONS = replace(pets.ANNOTATIONS, sha256=hashes[1])
    barrier.wait()
    try:
        images, trimaps = pets.load_pets("trainval", size=16)
        results.put(("ok", tuple(images.shape), int(images.sum()), int(trimaps.sum())))
    except BaseException as error:  # noqa: BLE001 (부모에게 알린다)
        results.put(("error", repr(error)))


def test_processes_extracting_pets_at_once_all_get_the_real_data(data_env):
    names = [f"cat_{i}" for i in range(300)]
    archives = pets_archives({"trainval": names, "test": ["dog_0"]})
    for remote, content in zip((pets.IMAGES, pets.ANNOTATIONS), archives):
        (data_env / remote.path).parent.mkdir(parents=True, exist_ok=True)
        (data_env / remote.path).write_bytes(content)
    hashes = tuple(download.sha256_of(data_env / remote.path) for remote in (pets.IMAGES, pets.ANNOTATIONS))
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(3), context.Queue()
    children = [context.Process(target=_load_pets_in_a_child, args=(str(data_env), hashes, barrier, results))
                for _ in range(3)]
    for child in children:
        child.start()
    outcomes = [results.get(timeout=120) for _ in children]
    for child in children:
        child.join(30)
    assert [outcome[0] for outcome in outcomes] == ["ok"] * 3, outcomes
    assert outcomes[0] == outcomes[1] == outcomes[2] and outcomes[0][1] == (300, 3, 16, 16)
    assert not any(".partial" in path.name for path in files_under(data_env))
    assert len(list((data_env / "pets" / "extracted-images" / "images").iterdir())) == 301  # trainval 300 + test 1


def tar_with(members: dict[str, bytes], mode: int = 0o644) -> bytes:
    """members를 담은 tar 바이트 (모든 항목의 권한은 mode)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(content), mode
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def _extract_and_die(archive: str, destination: str, when: str, count: int) -> None:
    """extract 도중 when 함수가 count번째로 불릴 때 스스로 SIGKILL한다 (정리 코드가 돌 틈이 없다)."""
    module, name = (os, "unlink") if when == "unlink" else (tarfile, "copyfileobj")
    original, calls = getattr(module, name), []

    def die_on_call(*args, **kwargs):
        calls.append(1)
        if len(calls) == count:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)

    setattr(module, name, die_on_call)
    extract(Path(archive), Path(destination))


def killed_while_extracting(archive: Path, destination: Path, when: str, count: int) -> None:
    child = multiprocessing.get_context("spawn").Process(
        target=_extract_and_die, args=(str(archive), str(destination), when, count))
    child.start()
    child.join(60)
    assert child.exitcode == -signal.SIGKILL


def folder_contents(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_a_kill_while_replacing_a_folder_never_leaves_a_half_deleted_one(tmp_path):
    old = {f"old/{i}.txt": b"old %d" % i for i in range(6)}
    new = {f"new/{i}.txt": b"new %d" % i for i in range(6)}
    (tmp_path / "old.tar").write_bytes(tar_with(old))
    (tmp_path / "new.tar").write_bytes(tar_with(new))
    destination = tmp_path / "data" / "extracted"
    extract(tmp_path / "old.tar", destination)
    killed_while_extracting(tmp_path / "new.tar", destination, "unlink", 3)   # 이전 폴더를 지우는 도중
    assert not destination.exists() or folder_contents(destination) in (old, new)
    extract(tmp_path / "new.tar", destination)                                 # 다음 실행은 멀쩡하다
    assert folder_contents(destination) == new
    assert sorted(path.name for path in destination.parent.iterdir()) == ["extracted"]


# 5. 죽은 풀기의 임시 폴더는 치우고, 푼 파일은 umask를 따른다 ---------------------------------------------------------

@pytest.fixture
def group_umask():
    previous = os.umask(0o002)
    yield
    os.umask(previous)


def test_a_killed_extraction_is_cleaned_up_and_extracted_files_follow_the_umask(tmp_path, group_umask):
    members = {f"pets/{i}.txt": b"x" * 1000 for i in range(8)}
    (tmp_path / "pets.tar").write_bytes(tar_with(members, mode=0o600))       # 압축 파일에는 주인만 읽는 권한
    destination = tmp_path / "data" / "extracted"
    killed_while_extracting(tmp_path / "pets.tar", destination, "copyfileobj", 4)
    assert not destination.exists() and len(list(destination.parent.iterdir())) == 1   # 반쯤 푼 임시 폴더
    extract(tmp_path / "pets.tar", destination)
    assert sorted(path.name for path in destination.parent.iterdir()) == ["extracted"]
    assert folder_contents(destination) == members
    modes = {stat.S_IMODE(path.stat().st_mode) for path in destination.rglob("*")}
    assert modes == {0o664, 0o775}                                             # 파일 0o664, 폴더 0o775


# 8. 안내 문구 ------------------------------------------------------------------------------------------------

def test_a_mirror_entry_that_is_a_folder_is_named_as_such(server, data_env, monkeypatch):
    remote = server.add("demo/file.bin", CONTENT)
    (server.folder / "demo" / "file.bin").unlink()
    (server.folder / "demo" / "file.bin").mkdir()
    monkeypatch.setenv("AILIB_DATA_MIRROR", server.folder.as_uri())
    with pytest.raises(DownloadFailed, match="is a folder, not a file") as caught:
        fetch(remote)
    assert "폴더" in caught.value.reason and "AILIB_DATA " not in str(caught.value)
    assert "writable" not in str(caught.value)


def test_a_file_mirror_naming_another_host_is_refused(server, data_env, monkeypatch):
    remote = server.add("demo/file.bin", CONTENT)
    monkeypatch.setenv("AILIB_DATA_MIRROR", f"file://fileserver{server.folder}")
    with pytest.raises(BadMirror, match="'fileserver'") as caught:
        fetch(remote)
    assert "file:///srv/ailib-data" in str(caught.value)
    monkeypatch.setenv("AILIB_DATA_MIRROR", f"file://localhost{server.folder}")
    assert fetch(remote).read_bytes() == CONTENT


def test_offline_with_a_corrupted_cached_file_says_it_failed_its_checksum(server, data_env, monkeypatch, capsys):
    monkeypatch.setattr(text, "TINY_SHAKESPEARE", server.add(text.TINY_SHAKESPEARE.path, b"To be"))
    cached = data_env / text.TINY_SHAKESPEARE.path
    cached.parent.mkdir(parents=True)
    cached.write_bytes(b"garbage")
    monkeypatch.setenv("AILIB_OFFLINE", "1")
    text.load_text_corpus()
    notice = capsys.readouterr().out
    assert used_standin("text") and "SHA-256" in notice and cached.name in notice
    assert "받아 둔 파일이 없습니다" not in notice
    assert cached.read_bytes() == b"garbage" and server.requests == []       # 오프라인: 쓰지도 받지도 않는다


def test_the_command_line_help_prints_usage():
    result = subprocess.run([sys.executable, "-m", "ailib.data", "--help"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("usage: python -m ailib.data") and "kor-eng" in result.stdout
    assert "알 수 없는 데이터셋" not in result.stdout
