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
