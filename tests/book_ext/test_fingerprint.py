"""캐시 지문(book/_ext/fingerprint.py): 장의 출력을 바꿀 수 있는 것이 바뀌면 지문이 바뀐다.

데이터는 split마다, 불러오기 함수가 지금 할 일과 같은 판단으로 적는다(issue 24의 1, 2): 반쯤 채운 데이터 폴더,
읽기 전용 폴더의 Pets 압축 파일, 저장해 둔 배열 파일의 검증 상태가 모두 지문에 보인다.
"""
import hashlib
import json
import os
import subprocess
import sys
from dataclasses import replace

import fingerprint
import numpy as np
import pytest
from conftest import ROOT
from data_files import idx_bytes, pets_archives
from data_server import data_env  # noqa: F401 (pytest 고정 장치)
from mini_book import HEADER, fake_project, page  # noqa: F401 (fake_project: pytest 고정 장치)

import ailib
from ailib.data import load_mnist, mnist, used_standin

CHAPTER = page("import torch\nfrom ailib.plotting import show_images")


def test_pages_without_code_have_no_fingerprint():
    assert fingerprint.fingerprint("# 용어집\n") is None
    assert fingerprint.fingerprint(HEADER + "# 글만 있는 장\n") is None
    shown = HEADER + "# 셀 쓰는 법\n\n````markdown\n```{code-cell} ipython3\nimport ailib\n```\n````\n"
    assert fingerprint.fingerprint(shown) is None


def test_the_fingerprint_follows_the_resolved_budget(monkeypatch):
    # 예산(과 그 출처)이 바뀌면 ailib를 쓰는 장의 지문이 바뀐다. ailib를 쓰지 않는 장은 그대로다
    chapter, plain = page("import ailib\nailib.setup_chapter()"), page("print(1)")
    fingerprints = {}
    for value in ("", "quick", "full"):
        monkeypatch.setenv("AILIB_PROFILE", value)
        fingerprints[value] = (fingerprint.fingerprint(chapter, ROOT), fingerprint.fingerprint(plain, ROOT))
    assert len({ours for ours, _ in fingerprints.values()}) == 3
    assert len({theirs for _, theirs in fingerprints.values()}) == 1
    monkeypatch.setenv("AILIB_PROFILE", "")
    assert f"실행 예산(budget): {ailib.current_profile()}" in fingerprint.runtime_situation({"ailib"})["budget"]


def test_fingerprint_changes_only_with_the_files_a_chapter_uses(fake_project):
    first = fingerprint.fingerprint(CHAPTER, fake_project)
    (fake_project / "ailib" / "models" / "cnn.py").write_text("CNN = 2\n")  # 이 장이 쓰지 않는 모듈
    assert fingerprint.fingerprint(CHAPTER, fake_project) == first
    (fake_project / "ailib" / "colors.py").write_text("RED = 2\n")          # plotting이 가져오는 모듈
    second = fingerprint.fingerprint(CHAPTER, fake_project)
    assert second != first
    (fake_project / "requirements.txt").write_text("torch==2\n")            # 패키지 버전
    assert fingerprint.fingerprint(CHAPTER, fake_project) != second


def fake_mnist(monkeypatch, count: int = 7) -> dict[str, bytes]:
    """진짜 MNIST 대신 작은 IDX 파일 네 개(해시는 그 파일의 것). {데이터 폴더 안 경로: 내용}."""
    rng = np.random.default_rng(0)
    files = {}
    for (split, part), remote in list(mnist.REMOTE_FILES.items()):
        shape = (count, 28, 28) if part == "images" else (count,)
        content = idx_bytes(rng.integers(0, 10 if part == "labels" else 256, shape, dtype=np.uint8))
        monkeypatch.setitem(mnist.REMOTE_FILES, (split, part),
                            replace(remote, sha256=hashlib.sha256(content).hexdigest()))
        files[remote.path] = content
    return files


def test_the_fingerprint_follows_the_data_situation_without_the_network(data_env, monkeypatch):
    # 같은 장이라도, 데이터 폴더에 검증된 실제 파일이 생기면 지문이 바뀐다 (네트워크는 쓰지 않는다)
    monkeypatch.setenv("AILIB_DATA_MIRROR", "http://127.0.0.1:9")
    chapter = page("from ailib.data import load_mnist\nload_mnist('test')")
    files = fake_mnist(monkeypatch)
    standin = fingerprint.fingerprint(chapter, ROOT)
    missing = "missing:try-real:small"
    assert fingerprint.runtime_situation({"ailib.data.mnist"})["data"] == {"mnist": {"train": missing, "test": missing}}
    for path, content in files.items():
        (data_env / path).parent.mkdir(parents=True, exist_ok=True)
        (data_env / path).write_bytes(content)
    real = fingerprint.fingerprint(chapter, ROOT)
    assert real != standin
    assert fingerprint.runtime_situation({"ailib.data.mnist"})["data"] == {"mnist": {"train": "real", "test": "real"}}
    for path in files:                                             # 손상된 파일은 없는 것과 같다
        (data_env / path).write_bytes(b"corrupted")
    assert fingerprint.fingerprint(chapter, ROOT) == standin
    monkeypatch.setenv("AILIB_OFFLINE", "1")
    offline = fingerprint.fingerprint(chapter, ROOT)
    assert offline not in (standin, real)
    monkeypatch.setenv("AILIB_STANDIN_SIZE", "real")              # 실제 크기의 대체 데이터는 출력이 다르다
    assert fingerprint.fingerprint(chapter, ROOT) not in (standin, real, offline)
    assert fingerprint.fingerprint(page("print(1)"), ROOT) is not None


def test_a_partly_filled_data_folder_fingerprints_what_each_split_will_be(data_env, monkeypatch):
    # issue 24의 1: 검증된 MNIST 시험 파일만 있으면 load_mnist("test")는 실제 데이터이고, 지문도 빈 폴더와 다르다
    monkeypatch.setenv("AILIB_OFFLINE", "1")
    chapter = page("from ailib.data import load_mnist\nimages, labels = load_mnist('test')")
    files = fake_mnist(monkeypatch, count=7)
    empty = fingerprint.fingerprint(chapter, ROOT)
    assert len(load_mnist("test")[0]) != 7 and used_standin("mnist")
    for path, content in files.items():
        if "t10k" in path:                                         # 시험 파일 두 개만 (내려받기가 끊긴 폴더)
            (data_env / path).parent.mkdir(parents=True, exist_ok=True)
            (data_env / path).write_bytes(content)
    partial = fingerprint.fingerprint(chapter, ROOT)
    assert partial != empty
    assert fingerprint.runtime_situation({"ailib.data.mnist"})["data"]["mnist"] == {
        "train": "missing:no-network:small", "test": "real"}
    assert len(load_mnist("test")[0]) == 7 and not used_standin("mnist")
    assert len(load_mnist("train")[0]) != 7 and used_standin("mnist")


PETS_RUN = """
import json, sys
from dataclasses import replace
from pathlib import Path
import fingerprint
from ailib.data import catalog, pets, used_standin

pets.IMAGES = replace(pets.IMAGES, sha256=sys.argv[1])
pets.ANNOTATIONS = replace(pets.ANNOTATIONS, sha256=sys.argv[2])
chapter = Path(sys.argv[3]).read_text(encoding="utf-8")
before = fingerprint.fingerprint(chapter)
situation = catalog.data_situation(["ailib.data.pets"])["pets"]
images, _ = pets.load_pets("trainval", size=16)
print(json.dumps({"fingerprint": before, "situation": situation, "standin": used_standin("pets"),
                  "count": len(images)}))
"""


def run_pets(tmp_path, folder, archives, *, read_only: bool) -> dict:
    """새 프로세스에서 지문을 계산한 뒤 load_pets("trainval", size=16)을 부른다. read_only면 데이터 폴더를
    읽기 전용으로 붙인(mount) 곳에서 (root도 쓸 수 없다). 그럴 수 없는 곳이면 시험을 건너뛴다."""
    chapter = tmp_path / "unet.md"
    chapter.write_text(page("from ailib.data.pets import load_pets\nload_pets('trainval', size=16)"),
                       encoding="utf-8")
    command = [sys.executable, "-c", PETS_RUN, *(hashlib.sha256(a).hexdigest() for a in archives), str(chapter)]
    env = {**os.environ, "AILIB_DATA": str(folder), "AILIB_OFFLINE": "1",
           "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "book" / "_ext")])}
    env.pop("AILIB_STANDIN_SIZE", None)
    if read_only and os.geteuid() == 0:
        mount = f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} {folder} && exec \"$@\""
        command = ["unshare", "-m", "--propagation", "private", "sh", "-c", mount, "sh", *command]
    elif read_only:
        for path in (folder, *folder.rglob("*")):
            path.chmod(path.stat().st_mode & ~0o222)
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    except FileNotFoundError:
        pytest.skip("unshare가 없어 읽기 전용 폴더를 만들 수 없습니다")
    finally:
        if read_only and os.geteuid() != 0:
            for path in (folder, *folder.rglob("*")):
                path.chmod(path.stat().st_mode | 0o200)
    if result.returncode != 0 and read_only and "mount" in result.stderr and "Traceback" not in result.stderr:
        pytest.skip(f"읽기 전용으로 붙일 수 없습니다: {result.stderr.strip()[:200]}")
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_pets_fingerprint_agrees_with_what_the_loader_does_in_a_read_only_folder(tmp_path):
    # issue 24의 2: 검증된 압축 파일이 읽기 전용 폴더에 있으면, 불러오기는 풀 수 없어 대체 데이터를 쓰고
    # 지문도 그렇게 말한다. 쓸 수 있게 되면 지문이 바뀌어 그 장을 다시 실행한다
    archives = pets_archives({"trainval": ["cat_1", "dog_2", "cat_3"], "test": ["dog_4"]})
    folder = tmp_path / "shared-data"
    (folder / "pets").mkdir(parents=True)
    for name, content in zip(("images.tar.gz", "annotations.tar.gz"), archives):
        (folder / "pets" / name).write_bytes(content)
    locked = run_pets(tmp_path, folder, archives, read_only=True)
    assert locked["standin"] and not (folder / "pets" / "trainval-16px.npz").exists()
    writable = run_pets(tmp_path, folder, archives, read_only=False)
    assert not writable["standin"] and writable["count"] == 3
    assert writable["fingerprint"] != locked["fingerprint"]
    assert locked["situation"]["trainval"] == "unwritable:no-network:small"
    assert writable["situation"]["trainval"] == "real:build"
    cached = run_pets(tmp_path, folder, archives, read_only=True)   # 저장한 배열 파일은 읽기 전용이어도 읽는다
    assert not cached["standin"] and cached["count"] == 3
    assert cached["situation"]["trainval-16px"].startswith("real:cached:")
    assert cached["fingerprint"] not in (locked["fingerprint"], writable["fingerprint"])
    arrays = folder / "pets" / "trainval-16px.npz"                  # 검증되지 않는 배열 파일은 읽지 않는다
    content = bytearray(arrays.read_bytes())
    content[len(content) // 2] ^= 0xFF                              # 바이트 하나가 바뀐 배열 파일
    arrays.write_bytes(bytes(content))
    tampered = run_pets(tmp_path, folder, archives, read_only=True)
    assert tampered["standin"] and tampered["situation"]["trainval-16px"] == "unwritable:no-network:small"
    assert tampered["fingerprint"] != cached["fingerprint"]
