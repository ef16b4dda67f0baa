"""내려받기·Colab용 노트북 (clean .ipynb notebooks for download and Colab).

장(chapter) 원고는 MyST 마크다운(.md)이지만 Colab은 .ipynb만 엽니다. 그래서 각 장을 출력 없는 깨끗한
노트북으로 바꾸고, 맨 앞에 "Colab에서만 ailib를 설치하는" 셀을 붙입니다.

1. Sphinx 확장: HTML 빌드가 끝나면 `_build/html/_notebooks/<장 경로>.ipynb`에 노트북을 쓰고,
   각 장의 내려받기 단추(.ipynb)가 그 파일을, Colab 단추가 저장소 `notebooks` 가지(branch)의
   같은 파일을 가리키게 합니다 (Colab은 GitHub에 있는 .ipynb만 열 수 있습니다).
2. 명령: `python book/_ext/colab_notebooks.py OUT_DIR` 은 목차(_toc.yml)의 모든 장을 OUT_DIR에 씁니다.
   발행 워크플로가 이 폴더를 `notebooks` 가지로 올립니다.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Iterator

import jupytext
import nbformat
import yaml

BOOK_ROOT = Path(__file__).resolve().parents[2]
OUTPUT_FOLDER = "_notebooks"          # 사이트 안의 내려받기 폴더
NOTEBOOKS_BRANCH = "notebooks"        # Colab이 여는 GitHub 가지 (발행 워크플로가 올린다)
INSTALL_TAG = "colab-install"
INSTALL_CELL = '''\
# Colab에서 열었을 때만 ailib를 설치합니다 (Binder와 내 컴퓨터에는 이미 설치되어 있습니다).
import sys

if "google.colab" in sys.modules:
    %pip install -q "ailib @ git+{repository_url}"'''


def is_notebook(path: Path) -> bool:
    """jupytext 머리말에 kernelspec이 있는 원고만 노트북(코드가 실행되는 장)이다."""
    return path.suffix in (".md", ".ipynb") and "kernelspec" in jupytext.read(path).metadata


def clean_notebook(path: Path, repository_url: str) -> nbformat.NotebookNode:
    """원고 하나를 출력 없는 노트북으로: 설치 셀 + 원고의 모든 셀, 셀 id는 매번 같게."""
    source = jupytext.read(path)
    install = nbformat.v4.new_code_cell(INSTALL_CELL.format(repository_url=repository_url),
                                        metadata={"tags": [INSTALL_TAG]})
    cells = [install, *source.cells]
    for number, cell in enumerate(cells):
        cell.id = f"cell-{number:03d}"
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": source.metadata["kernelspec"],
        "language_info": {"name": "python"},
    })
    nbformat.validate(notebook)
    return notebook


def write_notebook(notebook: nbformat.NotebookNode, target: Path) -> None:
    """임시 파일에 쓴 뒤 이름을 바꾼다: 반쯤 쓴 노트북이 남지 않는다."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    nbformat.write(notebook, partial)
    partial.replace(target)


def colab_url(colab: str, repository_url: str, docname: str, branch: str = NOTEBOOKS_BRANCH) -> str:
    """`notebooks` 가지에 있는 장 노트북을 Colab에서 여는 주소."""
    org, repo = repository_url.rstrip("/").split("github.com/")[-1].split("/")[:2]
    return f"{colab.rstrip('/')}/github/{org}/{repo}/blob/{branch}/{docname}.ipynb"


# --- 명령: 목차의 모든 장을 폴더에 쓴다 (발행 워크플로가 `notebooks` 가지로 올린다) ---------------------

def toc_docnames(toc: Any) -> Iterator[str]:
    """_toc.yml의 root와 모든 file 항목 (적힌 순서대로)."""
    if isinstance(toc, dict):
        for key, value in toc.items():
            if key in ("root", "file") and isinstance(value, str):
                yield value
            else:
                yield from toc_docnames(value)
    elif isinstance(toc, list):
        for item in toc:
            yield from toc_docnames(item)


def book_chapters(root: Path) -> dict[str, Path]:
    """목차에 있는 노트북 장: {문서 이름: 원고 경로}."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    chapters = {}
    for docname in toc_docnames(toc):
        docname = str(Path(docname).with_suffix(""))
        for suffix in (".md", ".ipynb"):
            path = root / f"{docname}{suffix}"
            if path.is_file() and is_notebook(path):
                chapters[docname] = path
    return chapters


def repository_url(root: Path) -> str:
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return config["repository"]["url"].rstrip("/")


BRANCH_README = """\
# AI-Library 노트북

이 가지(branch)는 발행 워크플로가 `main`의 장 원고에서 자동으로 만듭니다. 직접 고치지 마세요.
각 노트북은 출력이 없고, 첫 셀이 Colab에서만 `ailib`를 설치합니다.

{links}
"""


def write_all(out_dir: Path, root: Path = BOOK_ROOT) -> list[Path]:
    """목차의 모든 장을 out_dir/<문서 이름>.ipynb로 쓰고, 장마다 Colab 링크가 있는 README를 쓴다."""
    url, written, links = repository_url(root), [], []
    for docname, path in book_chapters(root).items():
        target = out_dir / f"{docname}.ipynb"
        write_notebook(clean_notebook(path, url), target)
        written.append(target)
        links.append(f"- [{docname}]({colab_url('https://colab.research.google.com', url, docname)})")
    (out_dir / "README.md").write_text(BRANCH_README.format(links="\n".join(links)), encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="책의 모든 장을 깨끗한 .ipynb로 쓴다 (write clean notebooks).")
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args(argv)
    for path in write_all(args.out_dir):
        print(path)
    return 0


# --- Sphinx 확장 ---------------------------------------------------------------------------------

def write_site_notebooks(app: Any, exception: Exception | None) -> None:
    """build-finished: HTML 사이트의 _notebooks/ 아래에 노트북 장마다 깨끗한 노트북을 쓴다."""
    if exception is not None or app.builder.format != "html":
        return
    url = app.config.html_theme_options.get("repository_url", "").rstrip("/")
    for docname in sorted(app.env.found_docs):
        path = Path(app.env.doc2path(docname))
        if is_notebook(path):
            write_notebook(clean_notebook(path, url), Path(app.outdir) / OUTPUT_FOLDER / f"{docname}.ipynb")


def point_buttons_at_notebooks(app: Any, pagename: str, templatename: str, context: dict,
                               doctree: Any) -> None:
    """html-page-context (테마의 단추가 만들어진 뒤): Colab과 .ipynb 내려받기 단추를 깨끗한 노트북으로."""
    if "kernelspec" not in app.env.metadata.get(pagename, {}):
        return
    options = app.config.html_theme_options
    url = options.get("repository_url", "")
    notebook = f"{context['pathto'](OUTPUT_FOLDER, 1)}/{pagename}.ipynb"
    for group in context.get("header_buttons", []):
        if group.get("label") == "launch-buttons":
            for button in group["buttons"]:
                if button.get("text") == "Colab":
                    colab = options.get("launch_buttons", {}).get("colab_url", "")
                    button["url"] = colab_url(colab, url, pagename, app.config.ailib_notebooks_branch)
        if group.get("label") == "download-buttons":
            buttons = [b for b in group["buttons"] if b.get("label") != "download-notebook-button"]
            buttons.insert(0, {
                "type": "link", "url": notebook, "text": ".ipynb", "icon": "fas fa-code",
                "tooltip": "노트북 내려받기 (출력 없음, Colab 설치 셀 포함)",
                "label": "download-notebook-button",
            })
            group["buttons"] = buttons


def setup(app: Any) -> dict:
    app.add_config_value("ailib_notebooks_branch", NOTEBOOKS_BRANCH, "html")
    app.connect("build-finished", write_site_notebooks)
    app.connect("html-page-context", point_buttons_at_notebooks, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    sys.exit(main())
