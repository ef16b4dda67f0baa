"""책 빌드 확장(book/_ext/ailib_book.py)의 지문(fingerprint) 계산."""
import ast
import hashlib
import importlib.util
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from data_server import data_env  # noqa: F401 (pytest 고정 장치)

import ailib
from ailib.data import catalog, mnist
from conftest import ROOT

spec = importlib.util.spec_from_file_location("ailib_book", ROOT / "book" / "_ext" / "ailib_book.py")
ailib_book = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ailib_book)

HEADER = ("---\njupytext:\n  text_representation: {extension: .md, format_name: myst}\n"
          "kernelspec: {display_name: Python 3, language: python, name: python3}\n---\n")


def page(*cells: str, prose: str = "# 장\n") -> str:
    """jupytext 머리말과 코드 셀이 있는 장."""
    return HEADER + prose + "".join(f"\n```{{code-cell}} ipython3\n{code}\n```\n" for code in cells)


CHAPTER = page("import torch\nfrom ailib.plotting import show_images")


def modules_of(code: str, root: Path = ROOT) -> set[str]:
    return ailib_book.imported_modules(ast.parse(code), root)


def names(files: list[Path], root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in files}


def test_imports_are_found_in_cells():
    code = ("import ailib\nfrom ailib import train, budget  # 주석\n"
            "import ailib.train.metrics as m\nfrom ailib import (\n    plotting,\n)\n")
    assert modules_of(code) == {"ailib", "ailib.train", "ailib.train.metrics", "ailib.plotting"}


def test_the_python_parser_finds_every_import_form():
    # 4: 한 줄에 여럿, 들여 쓴 가져오기, 속성으로 쓰는 이름, 별칭
    assert {"ailib.data", "ailib.data.mnist"} <= modules_of("import os, ailib.data\nailib.data.load_mnist()")
    assert "ailib.data.cifar10" in modules_of("if True:\n    import ailib.data as d\n    d.load_cifar10()")
    assert "ailib.train.metrics" in modules_of("def f():\n    from ailib.train import metrics\n")


def test_relative_imports_inside_ailib_are_followed(fake_project):
    (fake_project / "ailib" / "models" / "cnn.py").write_text("from .blocks import Block\nfrom .. import colors\n")
    (fake_project / "ailib" / "models" / "blocks.py").write_text("Block = 1\n")
    files = names(ailib_book.dependency_files(["from ailib.models.cnn import CNN"], fake_project), fake_project)
    assert {"ailib/models/blocks.py", "ailib/colors.py"} <= files


def test_a_code_cell_shown_inside_a_fence_is_not_a_cell():
    shown = HEADER + "# 셀 쓰는 법\n\n````markdown\n```{code-cell} ipython3\nimport ailib\n```\n````\n"
    assert ailib_book.chapter_code(shown) is None and ailib_book.fingerprint(shown) is None
    assert ailib_book.chapter_code(page("%matplotlib inline\nimport ailib")) == ["%matplotlib inline\nimport ailib"]
    assert "ailib/train/trainer.py" in names(ailib_book.dependency_files(["%time import ailib"], ROOT), ROOT)


def test_dependencies_follow_imports_inside_ailib():
    files = names(ailib_book.dependency_files(["import ailib"], ROOT), ROOT)
    assert {"ailib/__init__.py", "ailib/train/trainer.py", "ailib/train/history.py", "ailib/train/progress.py"} <= files


def test_a_chapter_depends_only_on_the_loaders_it_uses():
    # 5: ailib.data는 지연 가져오기: Pets 불러오기를 고쳐도 MNIST 장의 지문은 그대로다
    files = names(ailib_book.dependency_files(["from ailib.data import load_mnist, used_standin"], ROOT), ROOT)
    assert {"ailib/data/__init__.py", "ailib/data/mnist.py", "ailib/data/offline.py"} <= files
    assert not {"ailib/data/pets.py", "ailib/data/cifar10.py", "ailib/data/catalog.py"} & files
    vgg = names(ailib_book.dependency_files(["from ailib.models.vgg import VGG16"], ROOT), ROOT)
    assert "ailib/data/vgg.py" in vgg and "ailib/data/mnist.py" not in vgg
    loaded = subprocess.run([sys.executable, "-c", "import sys; from ailib.data import load_mnist, used_standin;"
                             "print(sorted(m for m in sys.modules if m.startswith('ailib.data.')))"],
                            capture_output=True, text=True, timeout=120, check=True).stdout
    assert "ailib.data.mnist" in loaded and "ailib.data.pets" not in loaded


def test_pages_without_code_have_no_fingerprint():
    assert ailib_book.fingerprint("# 용어집\n") is None
    assert ailib_book.fingerprint(HEADER + "# 글만 있는 장\n") is None


def test_the_fingerprint_follows_the_resolved_budget(monkeypatch):
    # 1: 예산(과 그 출처)이 바뀌면 ailib를 쓰는 장의 지문이 바뀐다. ailib를 쓰지 않는 장은 그대로다
    chapter, plain = page("import ailib\nailib.setup_chapter()"), page("print(1)")
    fingerprints = {}
    for value in ("", "quick", "full"):
        monkeypatch.setenv("AILIB_PROFILE", value)
        fingerprints[value] = (ailib_book.fingerprint(chapter, ROOT), ailib_book.fingerprint(plain, ROOT))
    assert len({ours for ours, _ in fingerprints.values()}) == 3
    assert len({theirs for _, theirs in fingerprints.values()}) == 1
    monkeypatch.setenv("AILIB_PROFILE", "")
    assert f"실행 예산(budget): {ailib.current_profile()}" in ailib_book.runtime_situation({"ailib"})["budget"]


def test_the_fingerprint_follows_the_data_situation_without_the_network(data_env, monkeypatch):
    # 1: 같은 장이라도, 데이터 폴더에 검증된 실제 파일이 생기면 지문이 바뀐다 (네트워크는 쓰지 않는다)
    monkeypatch.setenv("AILIB_DATA_MIRROR", "http://127.0.0.1:9")
    chapter = page("from ailib.data import load_mnist\nload_mnist('test')")
    files = {remote.path: b"file %d" % i for i, remote in enumerate(mnist.REMOTE_FILES.values())}
    fakes = tuple(replace(remote, sha256=hashlib.sha256(files[remote.path]).hexdigest())
                  for remote in mnist.REMOTE_FILES.values())
    monkeypatch.setitem(catalog.DATASETS, "mnist", fakes)    # 진짜 MNIST 대신 작은 파일 (해시는 그 파일의 것)
    standin = ailib_book.fingerprint(chapter, ROOT)
    assert ailib_book.runtime_situation({"ailib.data.mnist"})["data"] == {"mnist": "missing:try-real:small"}
    for path, content in files.items():
        (data_env / path).parent.mkdir(parents=True, exist_ok=True)
        (data_env / path).write_bytes(content)
    real = ailib_book.fingerprint(chapter, ROOT)
    assert real != standin
    assert ailib_book.runtime_situation({"ailib.data.mnist"})["data"] == {"mnist": "real"}
    (data_env / fakes[0].path).write_bytes(b"corrupted")
    assert ailib_book.fingerprint(chapter, ROOT) == standin      # 손상된 파일은 없는 것과 같다
    monkeypatch.setenv("AILIB_OFFLINE", "1")
    offline = ailib_book.fingerprint(chapter, ROOT)
    assert offline not in (standin, real)
    monkeypatch.setenv("AILIB_STANDIN_SIZE", "real")              # 실제 크기의 대체 데이터는 출력이 다르다
    assert ailib_book.fingerprint(chapter, ROOT) not in (standin, real, offline)
    assert ailib_book.fingerprint(page("print(1)"), ROOT) is not None


@pytest.fixture
def fake_project(tmp_path):
    package = tmp_path / "ailib"
    (package / "models").mkdir(parents=True)
    (package / "__init__.py").write_text("from ailib.plotting import show_images\n")
    (package / "plotting.py").write_text("from ailib import colors\n")
    (package / "colors.py").write_text("RED = 1\n")
    (package / "models" / "__init__.py").write_text("")
    (package / "models" / "cnn.py").write_text("CNN = 1\n")
    (tmp_path / "requirements.txt").write_text("torch==1\n")
    return tmp_path


def test_fingerprint_changes_only_with_the_files_a_chapter_uses(fake_project):
    first = ailib_book.fingerprint(CHAPTER, fake_project)
    (fake_project / "ailib" / "models" / "cnn.py").write_text("CNN = 2\n")  # 이 장이 쓰지 않는 모듈
    assert ailib_book.fingerprint(CHAPTER, fake_project) == first
    (fake_project / "ailib" / "colors.py").write_text("RED = 2\n")          # plotting이 가져오는 모듈
    second = ailib_book.fingerprint(CHAPTER, fake_project)
    assert second != first
    (fake_project / "requirements.txt").write_text("torch==2\n")            # 패키지 버전
    assert ailib_book.fingerprint(CHAPTER, fake_project) != second


def test_submodule_chapters_depend_on_their_model_file(fake_project):
    files = names(ailib_book.dependency_files(["from ailib.models.cnn import CNN"], fake_project), fake_project)
    assert files == {"ailib/__init__.py", "ailib/plotting.py", "ailib/colors.py",
                     "ailib/models/__init__.py", "ailib/models/cnn.py"}
