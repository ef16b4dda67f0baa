"""사이트 내려받기 메뉴의 "책 전체 PDF" 링크 (the download menu's link to the whole-book PDF).

1. 빌드할 때(html-page-context) 쪽마다 내려받기 메뉴에 링크를 넣는다. 링크는 발행된 사이트의 PDF를 가리킨다.
2. 발행(.github/workflows/publish.yml): PDF 빌드가 실패해도 HTML은 배포한다. 그때는 먼저
   `python3 book/_ext/pdf_link.py --drop site`로 모든 쪽에서 이 메뉴 항목을 빼, 없는 파일을 가리키지 않게 한다.
   뺀 뒤에도 PDF를 가리키는 링크가 남은 쪽이 있으면(테마가 바뀌어 항목을 못 찾으면) 실패한다.

표준 라이브러리만 쓴다: 배포 작업은 책의 패키지를 설치하지 않고 이 파일을 실행한다.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

PDF_NAME = "ai-library.pdf"   # _config.yml의 latex.latex_documents.targetname과 같은 이름
LABEL = "download-book-pdf-button"
# sphinx-book-theme의 드롭다운 항목: <li><a href="…" … class="btn btn-sm btn-LABEL dropdown-item" …>…</a></li>
MENU_ITEM = re.compile(rf'<li><a href="[^"]*"[^>]*\bbtn-{LABEL}\b.*?</a>\s*</li>\s*', re.DOTALL)
PDF_HREF = re.compile(rf'href="[^"]*{re.escape(PDF_NAME)}"')


def add_pdf_link(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """html-page-context: 내려받기 메뉴에 책 전체 PDF 링크를 더한다."""
    base = app.config.html_baseurl
    url = f"{base.rstrip('/')}/{PDF_NAME}" if base else context["pathto"](PDF_NAME, 1)
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].append({
                "type": "link", "url": url, "text": "책 전체 PDF", "icon": "fas fa-book",
                "tooltip": "책 전체를 PDF로 내려받기", "label": LABEL,
            })


def drop_pdf_link(site: Path) -> int:
    """site의 모든 HTML 쪽에서 PDF 메뉴 항목을 빼고, 바뀐 쪽 수를 돌려준다."""
    changed = 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        kept = MENU_ITEM.sub("", text)
        if PDF_HREF.search(kept):
            raise ValueError(f"{page}: PDF 링크를 뺄 수 없습니다 (a link to {PDF_NAME} is left; "
                             "the theme's menu markup changed: update MENU_ITEM in book/_ext/pdf_link.py)")
        if kept != text:
            page.write_text(kept, encoding="utf-8")
            changed += 1
    return changed


def setup(app: Any) -> dict:
    app.connect("html-page-context", add_pdf_link, priority=600)   # 테마가 단추를 만든(500) 다음에
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "--drop":
        print("사용법 (usage): python3 book/_ext/pdf_link.py --drop SITE_FOLDER", file=sys.stderr)
        return 2
    print(f"PDF 링크를 뺀 쪽: {drop_pdf_link(Path(argv[1]))}개 (pages without the PDF link now)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
