"""빌드한 책의 HTML 쪽을 읽는 도우미 (책 쪽 시험들이 함께 쓴다)."""
import html
import re
from pathlib import Path


def page_text(folder: Path, name: str) -> tuple[str, str]:
    """(HTML 원문, 태그를 뺀 글자)."""
    source = (folder / f"{name}.html").read_text(encoding="utf-8")
    return source, html.unescape(re.sub(r"<[^>]+>", "", source))


def figures(source: str) -> int:
    """쪽에 들어 있는 서로 다른 그림(png) 수."""
    return len(set(re.findall(r"_images/[0-9a-f]+\.png", source)))


def toc_chapters(root: Path) -> list[str]:
    """`_toc.yml`의 모든 장(부록 빼고), 'book/week2/mnist'처럼 확장자 없이 목차 순서대로."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    return [chapter["file"] for part in toc["parts"] if part["caption"] != "부록" for chapter in part["chapters"]]


def figure_names(source_md: str) -> list[str]:
    """장 원고에서 이름 붙인 그림들 (`name: fig-…`, `:name: fig-…`)."""
    return re.findall(r"^\s*:?name: (fig-[\w-]+)", source_md, flags=re.MULTILINE)
