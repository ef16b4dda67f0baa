"""가져오기 추적기(book/_ext/import_tracer.py): 장이 실행할 때 읽는 ailib 파일을, ailib를 가져오지 않고 찾는다."""
import ast
import subprocess
import sys
from pathlib import Path

import import_tracer
import pytest
from conftest import ROOT
from mini_book import HEADER, fake_project, page  # noqa: F401 (fake_project: pytest 고정 장치)

import ailib.data


def modules_of(code: str, root: Path = ROOT) -> set[str]:
    return import_tracer.imported_modules(ast.parse(code), root)


def names(files: list[Path], root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in files}


def test_imports_are_found_in_cells():
    code = ("import ailib\nfrom ailib import train, budget  # 주석\n"
            "import ailib.train.metrics as m\nfrom ailib import (\n    plotting,\n)\n")
    assert modules_of(code) == {"ailib", "ailib.train", "ailib.train.metrics", "ailib.plotting"}


def test_the_python_parser_finds_every_import_form():
    # 한 줄에 여럿, 들여 쓴 가져오기, 속성으로 쓰는 이름, 별칭
    assert {"ailib.data", "ailib.data.mnist"} <= modules_of("import os, ailib.data\nailib.data.load_mnist()")
    assert "ailib.data.cifar10" in modules_of("if True:\n    import ailib.data as d\n    d.load_cifar10()")
    assert "ailib.train.metrics" in modules_of("def f():\n    from ailib.train import metrics\n")


def test_relative_imports_inside_ailib_are_followed(fake_project):
    (fake_project / "ailib" / "models" / "cnn.py").write_text("from .blocks import Block\nfrom .. import colors\n")
    (fake_project / "ailib" / "models" / "blocks.py").write_text("Block = 1\n")
    files = names(import_tracer.dependency_files(["from ailib.models.cnn import CNN"], fake_project), fake_project)
    assert {"ailib/models/blocks.py", "ailib/colors.py"} <= files


def test_a_code_cell_shown_inside_a_fence_is_not_a_cell():
    shown = HEADER + "# 셀 쓰는 법\n\n````markdown\n```{code-cell} ipython3\nimport ailib\n```\n````\n"
    assert import_tracer.chapter_code(shown) is None and import_tracer.chapter_files(shown, ROOT) == []
    assert import_tracer.chapter_code(page("%matplotlib inline\nimport ailib")) == ["%matplotlib inline\nimport ailib"]
    assert "ailib/train/trainer.py" in names(import_tracer.dependency_files(["%time import ailib"], ROOT), ROOT)


def test_dependencies_follow_imports_inside_ailib():
    files = names(import_tracer.dependency_files(["import ailib"], ROOT), ROOT)
    assert {"ailib/__init__.py", "ailib/train/trainer.py", "ailib/train/history.py", "ailib/train/progress.py"} <= files


def test_a_chapter_depends_only_on_the_loaders_it_uses():
    # ailib.data는 지연 가져오기: Pets 불러오기를 고쳐도 MNIST 장의 지문은 그대로다
    files = names(import_tracer.dependency_files(["from ailib.data import load_mnist, used_standin"], ROOT), ROOT)
    assert {"ailib/data/__init__.py", "ailib/data/mnist.py", "ailib/data/offline.py"} <= files
    assert not {"ailib/data/pets.py", "ailib/data/cifar10.py", "ailib/data/catalog.py"} & files
    vgg = names(import_tracer.dependency_files(["from ailib.models.vgg import VGG16"], ROOT), ROOT)
    assert "ailib/data/vgg.py" in vgg and "ailib/data/mnist.py" not in vgg
    loaded = subprocess.run([sys.executable, "-c", "import sys; from ailib.data import load_mnist, used_standin;"
                             "print(sorted(m for m in sys.modules if m.startswith('ailib.data.')))"],
                            capture_output=True, text=True, timeout=120, check=True).stdout
    assert "ailib.data.mnist" in loaded and "ailib.data.pets" not in loaded


def test_the_tracer_reads_the_public_table_of_ailib_data_and_agrees_with_module_of():
    table = import_tracer.export_table("ailib.data", ROOT)
    assert set(table) == set(ailib.data.EXPORTS) == set(ailib.data.__all__)
    assert all(table[name] == ailib.data.module_of(name) for name in table)
    assert table["load_pets"] == "ailib.data.pets"
    with pytest.raises(KeyError, match="EXPORTS"):
        ailib.data.module_of("load_imagenet")


def test_the_tracer_imports_neither_ailib_nor_torch():
    script = ("import sys, import_tracer\nfrom pathlib import Path\n"
              f"files = import_tracer.dependency_files(['from ailib.data import load_mnist'], Path({str(ROOT)!r}))\n"
              "assert any(p.name == 'mnist.py' for p in files), files\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ailib', 'torch')))")
    env = {"PYTHONPATH": str(ROOT / "book" / "_ext"), "PATH": ""}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_chapter_text_is_not_taken_for_a_list_of_cells():
    text = page("from ailib.data import load_mnist")
    with pytest.raises(TypeError, match="chapter_files"):
        import_tracer.dependency_files(text, ROOT)
    files = names(import_tracer.chapter_files(text, ROOT), ROOT)
    assert "ailib/data/mnist.py" in files and "ailib/data/pets.py" not in files


def test_submodule_chapters_depend_on_their_model_file(fake_project):
    files = names(import_tracer.dependency_files(["from ailib.models.cnn import CNN"], fake_project), fake_project)
    assert files == {"ailib/__init__.py", "ailib/plotting.py", "ailib/colors.py",
                     "ailib/models/__init__.py", "ailib/models/cnn.py"}
