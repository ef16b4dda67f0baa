"""AI-Library 책 빌드 확장 (Sphinx extension for the AI-Library book).

1. 엄격한 빌드: 경고가 하나라도 있으면(실패한 셀, 표준 오류 출력, 빠진 글리프 포함) 빌드가 실패한다.
   `jupyter-book build .`만 실행해도 `-W --keep-going`과 같게 동작한다. 셀이 표준 오류(stderr)에
   쓴 내용(예: matplotlib의 "Glyph ... missing from font")은 경고 메시지에 그대로 옮겨 적는다.
   경고나 오류가 있었던 쪽은 기억해 두었다가(`<doctrees>/ailib-warned.json`) 다음 빌드에서도 다시 읽는다:
   캐시에서 가져온 출력이라도, 고칠 때까지 빌드는 계속 실패한다.
2. 커널이 물려받는 환경: `AILIB_BOOK_BUILD=1`(진행 막대 대신 에폭마다 한 줄), `OMP_WAIT_POLICY=PASSIVE`
   (이미 정했으면 그 값: 코어를 나눠 쓸 때 OpenMP 스레드가 바쁘게 기다리며 CPU를 빼앗지 않게),
   `MPLBACKEND`는 언제나 노트북 내장(inline) 백엔드: 독자의 환경이 `MPLBACKEND=Agg`라도 그림이 쪽에 남는다.
3. 캐시 지문(fingerprint): jupyter-cache는 노트북의 코드 셀만 보고 캐시를 고른다. 그래서 각 장 끝에 보이지
   않는 셀을 붙여, 장의 출력을 바꿀 수 있는 것 전부의 해시를 적어 둔다: 장이 실제로 가져오는(import)
   ailib 파일들(파이썬 구문 분석으로 따라간다. `ailib.data`의 이름은 그 이름이 정의된 모듈만),
   requirements.txt, 그리고 ailib를 쓰는 장이면 지금의 실행 예산(AILIB_PROFILE을 푼 값)과 장치, 장이 불러오는
   데이터셋마다 검증된 실제 파일이 있는지(네트워크는 쓰지 않는다). 해시가 바뀐 장은 Sphinx가 다시 읽고 실행한다.
"""
from __future__ import annotations

import ast
import hashlib
import importlib
import json
import logging
import os
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging as sphinx_logging

logger = sphinx_logging.getLogger(__name__)

BOOK_ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "ailib"
EXTRA_INPUTS = ("requirements.txt",)
LAZY_TABLE = "_LAZY"                # 패키지 __init__.py의 {이름: 하위 모듈} 표 (ailib/data/__init__.py)
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
WARNED_FILE = "ailib-warned.json"
CODE_MAGICS = ("time", "timeit", "prun", "capture", "debug")  # 뒤의 코드를 실행하는 매직
FINGERPRINT_CELL = """

```{{code-cell}} ipython3
:tags: [remove-cell]

# ailib 지문(fingerprint): 이 장의 출력을 바꿀 수 있는 것(ailib 코드, 예산, 데이터)이 바뀌면 이 값이 바뀐다.
# {digest}
```
"""


# --- 장의 코드 셀과 가져오기(import) ---------------------------------------------------------------

def chapter_code(text: str) -> list[str] | None:
    """MyST 노트북(jupytext 머리말이 있는 장)의 코드 셀 소스들. 노트북이 아니거나 코드 셀이 없으면 None.

    myst-nb와 같은 읽개를 쓰므로, 울타리(```` ```` ````) 안에 *보여 주기만* 한 `{code-cell}`은 셀이 아니다.
    """
    from myst_nb.core.read import is_myst_markdown_notebook, read_myst_markdown_notebook

    if not is_myst_markdown_notebook(text):
        return None
    cells = [cell.source for cell in read_myst_markdown_notebook(text).cells if cell.cell_type == "code"]
    return cells or None


def parse_cell(code: str) -> ast.Module | None:
    """셀 하나를 파이썬 구문 트리로. IPython 매직(`%…`, `!…`)은 먼저 파이썬으로 바꾸고, 코드를 실행하는
    매직(`%time`, `%%capture` 등)의 코드도 읽는다. 읽을 수 없으면 None (그러면 ailib 전체에 의존한다고 본다)."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        tree = ast.parse(TransformerManager().transform_cell(code))
    except SyntaxError:
        return None
    for node in list(ast.walk(tree)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("run_line_magic", "run_cell_magic") and node.args
                and isinstance(node.args[0], ast.Constant) and node.args[0].value in CODE_MAGICS):
            inner = parse_cell(node.args[-1].value) if isinstance(node.args[-1], ast.Constant) else None
            if inner is None:
                return None
            tree.body.extend(inner.body)
    return tree


def module_path(module: str, root: Path) -> Path | None:
    """'ailib.train.trainer' → ailib/train/trainer.py (패키지면 __init__.py). 없으면 None."""
    base = root.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def lazy_table(module: str, root: Path) -> dict[str, str]:
    """패키지가 처음 쓸 때 가져오는 이름들: {이름: 그 이름이 정의된 모듈의 전체 이름}."""
    path = module_path(module, root)
    if path is None or path.name != "__init__.py":
        return {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == LAZY_TABLE for t in node.targets)
                and isinstance(node.value, ast.Dict)):
            table = ast.literal_eval(node.value)
            return {name: f"{module}.{sub}" for name, sub in table.items()}
    return {}


def imported_modules(tree: ast.Module, root: Path, current: str | None = None) -> set[str]:
    """구문 트리가 쓰는 ailib 모듈들: `import`, `from … import`(상대 가져오기 포함), `ailib.data.load_x` 같은
    속성 접근, 패키지의 지연 이름표(_LAZY). current는 트리가 속한 모듈 이름(상대 가져오기를 풀 때)."""
    found: set[str] = set()
    bound: dict[str, str] = {}  # 코드 안의 이름 → ailib 모듈

    def ours(module: str | None) -> bool:
        return bool(module) and module.split(".")[0] == PACKAGE

    def use(module: str, name: str) -> str | None:
        """module에서 name을 가져온다: 하위 모듈이면 그 이름, 지연 이름이면 그 모듈을 found에 더한다."""
        if module_path(f"{module}.{name}", root) is not None:
            found.add(f"{module}.{name}")
            return f"{module}.{name}"
        target = lazy_table(module, root).get(name)
        if target is not None:
            found.add(target)
        return None

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if ours(alias.name):
                    found.add(alias.name)
                    bound[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else PACKAGE
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(node, current, root)
            if not ours(module):
                continue
            found.add(module)
            for alias in node.names:
                if alias.name == "*":
                    found.update(lazy_table(module, root).values())
                elif (submodule := use(module, alias.name)) is not None:
                    bound[alias.asname or alias.name] = submodule
    for node in ast.walk(tree):  # ailib.data.load_mnist(...) 처럼 속성으로 쓰는 이름
        if isinstance(node, ast.Attribute):
            chain = _dotted(node)
            if chain and chain[0] in bound:
                module = bound[chain[0]]
                for name in chain[1:]:
                    module = use(module, name)
                    if module is None:
                        break
    return found


def _absolute(node: ast.ImportFrom, current: str | None, root: Path) -> str | None:
    """`from .x import y`의 모듈을 절대 이름으로 (current가 없거나 level이 0이면 그대로)."""
    if not node.level:
        return node.module
    if current is None:
        return None
    package = current if (module_path(current, root) or Path()).name == "__init__.py" else current.rpartition(".")[0]
    parts = package.split(".")
    base = parts[: len(parts) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _dotted(node: ast.Attribute) -> list[str] | None:
    """a.b.c → ['a', 'b', 'c'] (맨 앞이 이름이 아니면 None)."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id, *reversed(parts)]


def module_imports(module: str, root: Path) -> set[str]:
    """ailib 파일 하나가 가져오는 ailib 모듈."""
    return imported_modules(ast.parse(module_path(module, root).read_text(encoding="utf-8")), root, module)


def dependency_modules(cells: list[str], root: Path) -> set[str]:
    """장이 실행할 때 읽는 ailib 모듈 전부(가져오기를 따라가며, 상위 패키지의 __init__ 포함).

    구문 분석할 수 없는 셀이 하나라도 있으면, 안전하게 ailib 전체에 의존한다고 본다.
    """
    trees = [parse_cell(code) for code in cells]
    if any(tree is None for tree in trees):
        package = root / PACKAGE
        return {".".join(p.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
                for p in package.rglob("*.py")} if package.is_dir() else set()
    pending = [m for tree in trees for m in imported_modules(tree, root)]
    seen: set[str] = set()
    while pending:
        parts = pending.pop().split(".")
        for i in range(1, len(parts) + 1):
            parent = ".".join(parts[:i])
            if parent not in seen and module_path(parent, root) is not None:
                seen.add(parent)
                pending.extend(module_imports(parent, root))
    return seen


def dependency_files(cells: list[str], root: Path) -> list[Path]:
    return sorted(module_path(m, root) for m in dependency_modules(cells, root))


# --- 실행 환경: 예산, 장치, 데이터 -------------------------------------------------------------------

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
    app.ailib_read.add(docname)
    digest = fingerprint(source[0])
    if digest is None:
        return
    source[0] += FINGERPRINT_CELL.format(digest=digest)
    app.env.ailib_fingerprints[docname] = digest


def outdated_docs(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                  removed: set[str]) -> list[str]:
    """env-get-outdated: 원고는 그대로지만 지문이 바뀐 장, 그리고 지난 빌드에서 경고가 있었던 쪽을 다시 읽게 한다."""
    stale = []
    for docname, old in getattr(env, "ailib_fingerprints", {}).items():
        if docname in added | changed | removed or docname not in env.found_docs:
            continue
        if fingerprint(Path(env.doc2path(docname)).read_text(encoding="utf-8")) != old:
            stale.append(docname)
    warned = sorted(app.ailib_warnings.previous & env.found_docs - added - changed - removed - set(stale))
    for docname in warned:
        logger.info("지난 빌드에서 경고가 있었던 쪽을 다시 읽습니다 (re-reading a page that warned last time): %s",
                    docname)
    return stale + warned


# --- 엄격한 빌드: 표준 오류 출력과, 경고가 있었던 쪽 기억하기 ------------------------------------------------------

def warn_on_stderr(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: 셀의 표준 오류 출력마다, 그 내용을 담은 경고를 낸다."""
    for node in doctree.findall(nodes.literal_block):
        if "stderr" in node["classes"]:
            logger.warning("셀이 표준 오류(stderr)에 출력했습니다. 경고를 없애세요 (a cell wrote to stderr):\n%s",
                           node.astext().strip()[:2000], location=node, type="ailib", subtype="stderr")


class WarningMemory(logging.Handler):
    """Sphinx의 경고(와 오류)가 어느 쪽에서 났는지 모아, 다음 빌드까지 파일로 기억한다."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app
        self.path = Path(app.doctreedir) / WARNED_FILE
        try:
            self.previous: set[str] = set(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            self.previous = set()
        self.current: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if sphinx_logging.is_suppressed_warning(getattr(record, "type", ""), getattr(record, "subtype", ""),
                                                self.app.config.suppress_warnings):
            return  # suppress_warnings로 끈 경고는 기억하지 않는다
        docname = self._docname(getattr(record, "location", None))
        if docname is not None:
            self.current.add(docname)

    def _docname(self, location: object) -> str | None:
        env = self.app.env
        if isinstance(location, nodes.Node):
            location = sphinx_logging.get_node_location(location)
        if isinstance(location, tuple):
            location = location[0]
        if not isinstance(location, str) or env is None:
            return None
        if location in env.found_docs:
            return location
        path = re.sub(r":\d*$", "", location)
        return env.path2doc(path) if os.path.isabs(path) else None

    def save(self, app: Sphinx, exception: BaseException | None) -> None:
        """build-finished: 이번에 다시 읽지 않은 쪽의 옛 기록 + 이번 기록."""
        remembered = (self.previous - app.ailib_read) | self.current
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(sorted(remembered), ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # doctrees 폴더에 쓸 수 없으면 이번 빌드의 엄격함만 남는다


def init_env(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if not hasattr(env, "ailib_fingerprints"):
        env.ailib_fingerprints = {}


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, "ailib_fingerprints", {}).pop(docname, None)


def remember_warnings(app: Sphinx) -> None:
    """builder-inited: 경고 기록기를 Sphinx의 로거에 단다."""
    app.ailib_warnings = WarningMemory(app)
    app.ailib_read = set()
    logging.getLogger(sphinx_logging.NAMESPACE).addHandler(app.ailib_warnings)
    app.connect("build-finished", app.ailib_warnings.save)


def setup(app: Sphinx) -> dict:
    os.environ["AILIB_BOOK_BUILD"] = "1"
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # 커널이 물려받는다: 위의 2번
    os.environ["MPLBACKEND"] = INLINE_BACKEND            # 독자의 MPLBACKEND=Agg 등은 그림을 지운다
    app.keep_going = True  # 경고가 있으면 끝까지 보고한 뒤 실패한다 (= -W --keep-going)
    app.connect("builder-inited", remember_warnings)
    app.connect("env-before-read-docs", init_env)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-get-outdated", outdated_docs)
    app.connect("source-read", add_fingerprint_cell)
    app.connect("doctree-read", warn_on_stderr)
    return {"version": "1.1", "parallel_read_safe": False, "parallel_write_safe": True}
