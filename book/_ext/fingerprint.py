"""캐시 지문(fingerprint): 장의 출력을 바꿀 수 있는 것이 바뀌면 그 장을 다시 실행한다 (Sphinx extension).

jupyter-cache는 노트북의 코드 셀만 보고 캐시를 고른다. 그래서 각 장 끝에 보이지 않는 셀을 붙여, 장의 출력을
바꿀 수 있는 것 전부의 해시를 적어 둔다: 장이 실제로 가져오는 ailib 파일들(import_tracer.py가 구문 분석으로
따라간다), requirements.txt, 그리고 ailib를 쓰는 장이면 지금의 실행 예산(AILIB_PROFILE을 푼 값)과 장치, 장이
불러오는 데이터셋의 split마다 불러오면 무엇이 되는지(ailib.data.catalog.data_situation: 불러오기 함수와 같은
판단, 네트워크도 쓰기도 하지 않는다). 원고가 그대로라도 해시가 바뀐 장은 Sphinx가 다시 읽고 실행한다.
"""
from __future__ import annotations

import hashlib
import importlib
import json
from pathlib import Path

from import_tracer import PACKAGE, chapter_code, dependency_modules, module_path
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

BOOK_ROOT = Path(__file__).resolve().parents[2]
EXTRA_INPUTS = ("requirements.txt",)
FINGERPRINT_CELL = """

```{{code-cell}} ipython3
:tags: [remove-cell]

# ailib 지문(fingerprint): 이 장의 출력을 바꿀 수 있는 것(ailib 코드, 예산, 데이터)이 바뀌면 이 값이 바뀐다.
# {digest}
```
"""


def runtime_situation(modules: set[str]) -> dict[str, object]:
    """ailib를 쓰는 장의 출력을 바꾸는 실행 환경 (ailib 자신의 함수로 푼다. 네트워크는 쓰지 않는다)."""
    profile = importlib.import_module(f"{PACKAGE}.profile")
    runtime = importlib.import_module(f"{PACKAGE}.runtime")
    try:
        budget = profile.describe_profile()  # 푼 예산과 그 출처(환경 변수/자동): 첫 셀이 그대로 출력한다
    except ValueError as error:              # 잘못된 AILIB_PROFILE: 실행하면 같은 오류로 멈춘다
        budget = f"invalid: {error}"
    situation: dict[str, object] = {"budget": budget, "device": str(runtime.device())}
    if any(m.startswith(f"{PACKAGE}.data.") for m in modules):
        situation["data"] = importlib.import_module(f"{PACKAGE}.data.catalog").data_situation(modules)
    return situation


def fingerprint(source: str, root: Path = BOOK_ROOT) -> str | None:
    """장의 출력을 정하는 것들의 SHA-256 앞 16자리. 코드 셀이 있는 노트북이 아니면 None."""
    cells = chapter_code(source)
    if cells is None:
        return None
    modules = dependency_modules(cells, root)
    digest = hashlib.sha256()
    files = sorted(module_path(m, root) for m in modules) + [root / name for name in EXTRA_INPUTS]
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    if modules:
        digest.update(json.dumps(runtime_situation(modules), sort_keys=True).encode())
    return digest.hexdigest()[:16]


def add_fingerprint_cell(app: Sphinx, docname: str, source: list[str]) -> None:
    """source-read: 장 끝에 지문 셀을 붙이고, 그 값을 환경에 기억한다."""
    digest = fingerprint(source[0])
    if digest is None:
        return
    source[0] += FINGERPRINT_CELL.format(digest=digest)
    app.env.ailib_fingerprints[docname] = digest


def changed_fingerprints(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                         removed: set[str]) -> list[str]:
    """env-get-outdated: 원고는 그대로지만 지문이 바뀐 장을 다시 읽게 한다."""
    stale = []
    for docname, old in getattr(env, "ailib_fingerprints", {}).items():
        if docname in added | changed | removed or docname not in env.found_docs:
            continue
        if fingerprint(Path(env.doc2path(docname)).read_text(encoding="utf-8")) != old:
            stale.append(docname)
    return stale


def init_env(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if not hasattr(env, "ailib_fingerprints"):
        env.ailib_fingerprints = {}


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, "ailib_fingerprints", {}).pop(docname, None)


def setup(app: Sphinx) -> dict:
    app.connect("env-before-read-docs", init_env)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-get-outdated", changed_fingerprints)
    app.connect("source-read", add_fingerprint_cell)
    return {"version": "1.2", "parallel_read_safe": False, "parallel_write_safe": True}
