"""책 빌드 확장(book/_ext/ailib_book.py)의 지문(fingerprint) 계산."""
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("ailib_book", ROOT / "book" / "_ext" / "ailib_book.py")
ailib_book = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ailib_book)

CHAPTER = "```{code-cell} ipython3\nimport torch\nfrom ailib.plotting import show_images\n```\n"


def test_imports_are_found_in_cells():
    source = ("```{code-cell}\nimport ailib\nfrom ailib import training, budget  # 주석\n"
              "import ailib.metrics as m\nfrom ailib import (\n    history,\n)\n```")
    assert ailib_book.imported_modules(source, ROOT) == {
        "ailib", "ailib.training", "ailib.metrics", "ailib.history"}


def test_dependencies_follow_imports_inside_ailib():
    files = {p.relative_to(ROOT).as_posix() for p in ailib_book.dependency_files("import ailib", ROOT)}
    assert {"ailib/__init__.py", "ailib/training.py", "ailib/history.py", "ailib/progress.py"} <= files


def test_pages_without_code_have_no_fingerprint():
    assert ailib_book.fingerprint("# 용어집\n") is None


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
    chapter = "```{code-cell}\nfrom ailib.models.cnn import CNN\n```"
    files = {p.relative_to(fake_project).as_posix() for p in ailib_book.dependency_files(chapter, fake_project)}
    assert files == {"ailib/__init__.py", "ailib/plotting.py", "ailib/colors.py",
                     "ailib/models/__init__.py", "ailib/models/cnn.py"}
