"""작은 책 만들기 (책 빌드 시험들이 함께 쓴다): 진짜 책과 같은 설정과 빌드 확장, 장 몇 개."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, build_book

HEADER = """---
jupytext:
  text_representation: {extension: .md, format_name: myst}
kernelspec: {display_name: Python 3, language: python, name: python3}
---
"""


def cell(code: str) -> str:
    return f"\n```{{code-cell}} ipython3\n{code}\n```\n"


def page(*cells: str, prose: str = "# 장\n") -> str:
    """jupytext 머리말과 코드 셀이 있는 장의 원고."""
    return HEADER + prose + "".join(cell(code) for code in cells)


def mini_book(root: Path, pages: dict[str, str]) -> Path:
    """진짜 책과 같은 설정(_config.yml, 빌드 확장)으로 작은 책을 만든다. pages: {이름: 머리말 뒤의 원고}."""
    shutil.copy(ROOT / "_config.yml", root / "_config.yml")
    (root / "book").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "book" / "references.bib", root / "book" / "references.bib")  # 참고 문헌 설정이 읽는다
    shutil.copytree(ROOT / "book" / "_ext", root / "book" / "_ext")
    toc = "format: jb-book\nroot: book/index\nchapters:\n" + "".join(f"  - file: book/{n}\n" for n in pages)
    (root / "_toc.yml").write_text(toc, encoding="utf-8")
    (root / "book" / "index.md").write_text("# 시험용 책\n", encoding="utf-8")
    for name, body in pages.items():
        (root / "book" / f"{name}.md").write_text(HEADER + body, encoding="utf-8")
    return root


def build(book: Path, **env: str) -> subprocess.CompletedProcess:
    """엄격 모드 빌드 (make book과 같은 선택)."""
    return build_book(book, "--warningiserror", "--keep-going", env=env)


def executed(result: subprocess.CompletedProcess) -> list[str]:
    """이번 빌드에서 실제로 실행된 장들."""
    return sorted(Path(m).stem for m in re.findall(r"(\S+\.md): Executing notebook", result.stdout + result.stderr))


@pytest.fixture
def fake_project(tmp_path):
    """작은 가짜 ailib: __init__ → plotting → colors, 그리고 아무도 가져오지 않는 models/cnn."""
    package = tmp_path / "ailib"
    (package / "models").mkdir(parents=True)
    (package / "__init__.py").write_text("from ailib.plotting import show_images\n")
    (package / "plotting.py").write_text("from ailib import colors\n")
    (package / "colors.py").write_text("RED = 1\n")
    (package / "models" / "__init__.py").write_text("")
    (package / "models" / "cnn.py").write_text("CNN = 1\n")
    (tmp_path / "requirements.txt").write_text("torch==1\n")
    return tmp_path
