"""AI-Library 책 빌드 확장 (Sphinx extension for the AI-Library book).

1. 엄격한 빌드: 경고가 하나라도 있으면(실패한 셀, 표준 오류 출력, 빠진 글리프 포함) 빌드가 실패한다.
   `jupyter-book build .`만 실행해도 `-W --keep-going`과 같게 동작한다. 셀이 표준 오류(stderr)에
   쓴 내용(예: matplotlib의 "Glyph ... missing from font")은 경고 메시지에 그대로 옮겨 적는다.
2. 책 빌드 표시: 커널이 `AILIB_BOOK_BUILD=1`을 물려받아, 진행 막대 대신 에폭마다 한 줄을 출력한다.
   커널은 `OMP_WAIT_POLICY=PASSIVE`도 물려받는다(이미 정했으면 그 값): 코어를 다른 프로세스와 나눠 쓸 때
   OpenMP 스레드가 바쁘게 기다리며(spin) CPU를 빼앗아 학습이 몇 배 느려지는 일을 막는다.
3. 캐시 지문(fingerprint): jupyter-cache는 노트북의 코드 셀만 보고 캐시를 고르므로, 장이 가져오는
   ailib 모듈이나 requirements.txt가 바뀌어도 옛 출력을 그대로 쓴다. 그래서 각 장 끝에 보이지 않는
   셀을 붙여 그 파일들의 해시를 적어 두고, 해시가 바뀐 장은 Sphinx가 다시 읽고 다시 실행하게 한다.
"""
from __future__ import annotations

import ast
import hashlib
import os
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)

BOOK_ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "ailib"
EXTRA_INPUTS = ("requirements.txt",)
AILIB_IMPORT = re.compile(
    rf"^[ \t]*(?:from[ \t]+({PACKAGE}(?:\.\w+)*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]+)|import[ \t]+({PACKAGE}(?:\.\w+)*))",
    re.MULTILINE)
FINGERPRINT_CELL = """

```{{code-cell}} ipython3
:tags: [remove-cell]

# ailib 지문(fingerprint): 이 장이 쓰는 ailib 코드가 바뀌면 이 값이 바뀌어 장이 다시 실행된다.
# {digest}
```
"""


def module_path(module: str, root: Path) -> Path | None:
    """'ailib.training' → ailib/training.py (패키지면 __init__.py). 없으면 None."""
    base = root.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def imported_modules(source: str, root: Path) -> set[str]:
    """글(코드 셀)이나 파이썬 소스가 직접 가져오는 ailib 모듈 이름들."""
    found: set[str] = set()
    for match in AILIB_IMPORT.finditer(source):
        module, names, plain = match.groups()
        if plain:
            found.add(plain)
            continue
        found.add(module)
        for name in re.split(r"[\s,()]+", names.split("#")[0]):
            if name and module_path(f"{module}.{name}", root) is not None:
                found.add(f"{module}.{name}")
    return found


def module_imports(path: Path, root: Path) -> set[str]:
    """파이썬 파일 하나가 가져오는 ailib 모듈 (상대 가져오기는 쓰지 않는다)."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names if alias.name.split(".")[0] == PACKAGE)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == PACKAGE:
            modules.add(node.module)
            modules.update(f"{node.module}.{a.name}" for a in node.names
                           if module_path(f"{node.module}.{a.name}", root) is not None)
    return modules


def dependency_files(source: str, root: Path) -> list[Path]:
    """장이 실행할 때 읽는 ailib 파일 전부(가져오기를 따라가며, 상위 패키지의 __init__ 포함)."""
    pending, seen = list(imported_modules(source, root)), set()
    while pending:
        module = pending.pop()
        parts = module.split(".")
        for i in range(1, len(parts) + 1):
            parent = ".".join(parts[:i])
            if parent not in seen and module_path(parent, root) is not None:
                seen.add(parent)
                pending.extend(module_imports(module_path(parent, root), root))
    return sorted(module_path(m, root) for m in seen)


def fingerprint(source: str, root: Path = BOOK_ROOT) -> str | None:
    """장이 의존하는 파일들의 SHA-256 앞 16자리. 코드 셀이 없는 글이면 None."""
    if "{code-cell}" not in source:
        return None
    digest = hashlib.sha256()
    files = dependency_files(source, root) + [root / name for name in EXTRA_INPUTS]
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def add_fingerprint_cell(app: Sphinx, docname: str, source: list[str]) -> None:
    """source-read: 장 끝에 지문 셀을 붙이고, 그 값을 환경에 기억한다."""
    digest = fingerprint(source[0])
    if digest is None:
        return
    source[0] += FINGERPRINT_CELL.format(digest=digest)
    app.env.ailib_fingerprints[docname] = digest


def outdated_by_ailib(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                      removed: set[str]) -> list[str]:
    """env-get-outdated: 원고는 그대로지만 의존하는 ailib 파일이 바뀐 장을 다시 읽게 한다."""
    stale = []
    for docname, old in getattr(env, "ailib_fingerprints", {}).items():
        if docname in added | changed | removed or docname not in env.found_docs:
            continue
        if fingerprint(Path(env.doc2path(docname)).read_text(encoding="utf-8")) != old:
            stale.append(docname)
    return stale


def warn_on_stderr(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: 셀의 표준 오류 출력마다, 그 내용을 담은 경고를 낸다."""
    for node in doctree.findall(nodes.literal_block):
        if "stderr" in node["classes"]:
            logger.warning("셀이 표준 오류(stderr)에 출력했습니다. 경고를 없애세요 (a cell wrote to stderr):\n%s",
                           node.astext().strip()[:2000], location=node, type="ailib", subtype="stderr")


def init_env(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if not hasattr(env, "ailib_fingerprints"):
        env.ailib_fingerprints = {}


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, "ailib_fingerprints", {}).pop(docname, None)


def setup(app: Sphinx) -> dict:
    os.environ["AILIB_BOOK_BUILD"] = "1"
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # 커널이 물려받는다: 위의 2번
    app.keep_going = True  # 경고가 있으면 끝까지 보고한 뒤 실패한다 (= -W --keep-going)
    app.connect("env-before-read-docs", init_env)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-get-outdated", outdated_by_ailib)
    app.connect("source-read", add_fingerprint_cell)
    app.connect("doctree-read", warn_on_stderr)
    return {"version": "1.0", "parallel_read_safe": False, "parallel_write_safe": True}
