"""접근성: 모든 그림에 대체 글(alt), 이름 없는 표 머리칸 없애기 (accessibility fixes at the source).

1. 그림의 대체 글: 장의 그림(코드 셀이 그린 그림 포함)에 `alt`가 없거나 파일 이름뿐이면 경고한다.
   엄격 빌드(`--warningiserror`)에서는 빌드가 실패한다. 셀의 그림은 myst-nb 메타데이터로 대체 글을 단다
   (`mystnb: image: alt: ...`). 화면 낭독기는 alt가 없으면 `_images/abc123.png`를 읽는다.
2. 이름 없는 표 머리칸: 화면 낭독기에 아무 뜻도 주지 않고 axe의 empty-table-header 규칙을 어긴다.
   pandas(`DataFrame`, `Styler`)의 HTML은 왼쪽 위 모서리(인덱스 열 머리)를 빈 `<th>`로 쓴다: 빈 보통 칸
   `<td>`로 바꾼다(표의 모양은 그대로다). Markdown 표의 빈 모서리 칸에는 화면에 보이지 않는 이름("항목")을 단다.
3. 책 제목 링크를 랜드마크(`<nav>`) 안에 두는 테마 틀(site_templates/navbar-logo.html), 1280 px 화면에서
   코드 출력이 잘리지 않게 긴 출력 줄을 감싸는 CSS(korean_static/accessible.css).
"""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "korean_static"
TEMPLATES_DIR = HERE / "site_templates"      # 테마 틀 덮어쓰기: navbar-logo.html
EMPTY_HEADER = re.compile(r"<th(\s[^>]*)?>(?:\s|&nbsp;|&#160;)*</th>")   # DataFrame과 Styler의 빈 머리칸
CORNER_LABEL = "항목"                         # 머리 줄의 빈 모서리 칸(행 이름 열의 머리)이 읽히는 이름
IMAGE_FILE = re.compile(r"\.(png|jpe?g|gif|svg|webp|pdf)$", re.IGNORECASE)


def meaningful_alt(alt: str | None, src: str) -> bool:
    """뜻 있는 대체 글인가: 다섯 글자 이상이고, 그림 파일의 이름이나 경로가 아니다.

    빌드의 검사와 사이트 브라우저 시험(tests/book/test_site_browser.py)이 함께 쓰는 하나의 규칙.
    """
    alt = (alt or "").strip()
    return (len(alt) >= 5 and alt != src and alt != PurePosixPath(src).name and "_images/" not in alt
            and not IMAGE_FILE.search(alt))


class CheckImageAlt(SphinxPostTransform):
    """모든 그림 노드에 뜻 있는 대체 글이 있는지 본다 (코드 셀의 출력 그림도 이때는 image 노드다)."""

    default_priority = 800

    def run(self, **kwargs) -> None:
        for image in self.document.findall(nodes.image):
            if not meaningful_alt(image.get("alt"), image.get("uri", "")):
                cell = code_cell(image)
                logger.warning("그림에 대체 글(alt)이 없습니다: 셀 메타데이터 `mystnb: image: alt: ...`나 "
                               "`:alt:`로 그림이 보여 주는 것을 한 문장으로 쓰세요 "
                               "(image without a meaningful alt text: %s)", image.get("uri", "?"),
                               location=cell if cell is not None and cell.line else image,
                               type="ailib", subtype="image_alt")


def code_cell(node: nodes.Node) -> nodes.Element | None:
    """그림을 그린 코드 셀(myst-nb의 cell_code 컨테이너, 줄 번호가 있다)."""
    parent = node.parent
    while parent is not None and parent.get("nb_element") != "cell_code":
        parent = parent.parent
    return parent


class NameEmptyTableHeaders(SphinxPostTransform):
    """셀 출력의 HTML 표(pandas DataFrame·Styler)에서 빈 `<th>`를 `<td>`로 바꾼다."""

    default_priority = 800
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            html = raw.astext()
            if "html" not in raw.get("format", "").split() or "<th" not in html:
                continue
            fixed = EMPTY_HEADER.sub(lambda m: f"<td{m.group(1) or ''}></td>", html)
            if fixed != html:
                raw.children = [nodes.Text(fixed)]


class LabelEmptyTableHeaders(SphinxPostTransform):
    """Markdown 표의 머리 줄에 있는 빈 칸(`| | MLP | CNN |`)에 화면에는 보이지 않는 이름을 단다."""

    default_priority = 800
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for head in self.document.findall(nodes.thead):
            for entry in head.findall(nodes.entry):
                if not entry.astext().strip():
                    entry[:] = [nodes.inline("", CORNER_LABEL, classes=["ailib-visually-hidden"])]


def add_paths(app: Sphinx, config) -> None:
    """config-inited: korean_static 폴더(다른 확장이 이미 넣었으면 그대로)와 테마 틀 폴더."""
    if str(STATIC_DIR) not in map(str, config.html_static_path):
        config.html_static_path.append(str(STATIC_DIR))
    config.templates_path.insert(0, str(TEMPLATES_DIR))


def citation_roles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """참고 문헌 항목: docutils의 role="doc-biblioentry"(ARIA 1.3에서 폐기, axe의 aria-allowed-role)를
    그 목록(role="list") 안의 항목인 role="listitem"으로."""
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", citation_roles)
    app.add_post_transform(CheckImageAlt)
    app.add_post_transform(NameEmptyTableHeaders)
    app.add_post_transform(LabelEmptyTableHeaders)
    app.connect("config-inited", add_paths)
    app.add_css_file("accessible.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
