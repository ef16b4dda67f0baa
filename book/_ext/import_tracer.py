"""장이 실행할 때 읽는 ailib 파일 찾기 (import tracer): 파이썬 구문 분석만 쓰고, ailib를 가져오지 않는다.

장(MyST 노트북)의 코드 셀을 파이썬 구문 트리로 읽어 `import`, `from … import`(상대 가져오기 포함),
`ailib.data.load_x` 같은 속성 접근을 찾고, 찾은 ailib 파일이 가져오는 파일을 다시 따라간다. 이름을 처음 쓸 때
가져오는(lazy) 패키지는 `__init__.py`의 공개 표 `EXPORTS = {이름: 하위 모듈}`(ailib.data.EXPORTS)를 글자 그대로
읽어, 그 이름이 정의된 모듈만 의존한다고 본다. 책 빌드의 캐시 지문(fingerprint.py)과 빌드 시간 측정
(benchmarks/book_build.py)이 쓴다. Sphinx도 torch도 필요 없다.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = "ailib"
EXPORT_TABLE = "EXPORTS"            # 지연 패키지 __init__.py의 {공개 이름: 하위 모듈} 표
CODE_MAGICS = ("time", "timeit", "prun", "capture", "debug")  # 뒤의 코드를 실행하는 매직


def chapter_code(text: str) -> list[str] | None:
    """MyST 노트북(jupytext 머리말이 있는 장)의 코드 셀 소스들. 노트북이 아니거나 코드 셀이 없으면 None.

    myst-nb와 같은 읽개를 쓰므로, 울타리(```` ```` ````) 안에 *보여 주기만* 한 `{code-cell}`은 셀이 아니다.
    """
    from myst_nb.core.read import is_myst_markdown_notebook, read_myst_markdown_notebook

    if not is_myst_markdown_notebook(text):
        return None
    cells = [cell.source for cell in read_myst_markdown_notebook(text).cells if cell.cell_type == "code"]
    return cells or None


def chapter_files(text: str, root: Path) -> list[Path]:
    """장(원고 전체)이 실행할 때 읽는 ailib 파일들. 코드 셀이 없으면 빈 목록."""
    return dependency_files(chapter_code(text) or [], root)


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


def export_table(module: str, root: Path) -> dict[str, str]:
    """패키지가 처음 쓸 때 가져오는 이름들: {이름: 그 이름이 정의된 모듈의 전체 이름}. 표가 없으면 {}."""
    path = module_path(module, root)
    if path is None or path.name != "__init__.py":
        return {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if _assigns(node, EXPORT_TABLE) and isinstance(node.value, ast.Dict):
            return {name: f"{module}.{sub}" for name, sub in ast.literal_eval(node.value).items()}
    return {}


def _assigns(node: ast.stmt, name: str) -> bool:
    """node가 `name = …` 또는 `name: 형 = …`인가."""
    if isinstance(node, ast.Assign):
        return any(isinstance(target, ast.Name) and target.id == name for target in node.targets)
    return isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name


def imported_modules(tree: ast.Module, root: Path, current: str | None = None) -> set[str]:
    """구문 트리가 쓰는 ailib 모듈들: `import`, `from … import`(상대 가져오기 포함), `ailib.data.load_x` 같은
    속성 접근, 패키지의 공개 이름표(EXPORTS). current는 트리가 속한 모듈 이름(상대 가져오기를 풀 때)."""
    found: set[str] = set()
    bound: dict[str, str] = {}  # 코드 안의 이름 → ailib 모듈

    def use(module: str, name: str) -> str | None:
        """module에서 name을 가져온다: 하위 모듈이면 그 이름, 지연 이름이면 그 모듈을 found에 더한다."""
        if module_path(f"{module}.{name}", root) is not None:
            found.add(f"{module}.{name}")
            return f"{module}.{name}"
        target = export_table(module, root).get(name)
        if target is not None:
            found.add(target)
        return None

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _ours(alias.name):
                    found.add(alias.name)
                    bound[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else PACKAGE
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(node, current, root)
            if not _ours(module):
                continue
            found.add(module)
            for alias in node.names:
                if alias.name == "*":
                    found.update(export_table(module, root).values())
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


def _ours(module: str | None) -> bool:
    return bool(module) and module.split(".")[0] == PACKAGE


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
    """셀들이 실행할 때 읽는 ailib 모듈 전부(가져오기를 따라가며, 상위 패키지의 __init__ 포함).

    구문 분석할 수 없는 셀이 하나라도 있으면, 안전하게 ailib 전체에 의존한다고 본다.
    """
    if isinstance(cells, str):
        raise TypeError("cells는 셀 소스의 목록입니다. 장의 원고 전체라면 chapter_files(text, root)를 쓰세요. "
                        "(cells is a list of cell sources; for a chapter's whole text use chapter_files.)")
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
    """셀들이 실행할 때 읽는 ailib 파일들 (정렬한 경로)."""
    return sorted(module_path(m, root) for m in dependency_modules(cells, root))
