"""책 전체 PDF (the whole book as a Korean PDF: xelatex + kotex + Nanum fonts).

`make pdf`(= `jupyter-book build . --builder pdflatex`)가 쓰는 설정입니다.

1. 한글 글꼴: kotex로 본문은 나눔명조, 제목(산세리프)은 나눔고딕, 코드는 나눔고딕코딩을 씁니다.
   라틴 문자와 기호는 Sphinx 기본 글꼴(FreeSerif/FreeSans)이, 코드는 글자가 더 많은 DejaVu Sans Mono가
   맡습니다 (ailib 소스의 ŷ, ∂, xᵏ 같은 글자).
2. 빠진 글자: `\\tracinglostchars=2`로 글꼴에 없는 글자마다 LaTeX 로그에 "Missing character"를
   남깁니다. `make pdf`와 발행 워크플로는 그 줄이 하나라도 있으면 실패합니다.
3. Sphinx는 'ko'에 맞는 Babel 옵션이 없다는 경고를 냅니다. 한국어 조판은 Babel이 아니라 kotex가
   맡으므로 그 경고 하나만 거릅니다 (엄격한 빌드에서는 경고가 곧 실패이기 때문입니다).
4. HTML 각 쪽의 내려받기 메뉴에 "책 전체 PDF" 항목을 넣습니다 (발행된 사이트의 PDF를 가리킵니다).
"""
from __future__ import annotations

import logging
from typing import Any

from sphinx.builders.latex.constants import XELATEX_DEFAULT_FONTPKG
from sphinx.locale import __

PDF_NAME = "ai-library.pdf"   # _config.yml의 latex.latex_documents.targetname과 같은 이름
KOREAN_FONTS = r"""
\setmonofont{DejaVu Sans Mono}[Scale=MatchLowercase]
\usepackage{kotex}
\setmainhangulfont{NanumMyeongjo}[AutoFakeSlant=0.15]
\setsanshangulfont{NanumGothic}[AutoFakeSlant=0.15]
\setmonohangulfont{NanumGothicCoding}[AutoFakeSlant=0.15]
"""
# 한글 글꼴에도 라틴 글꼴에도 없는 기호(그림 문자)는 Symbola로 찍는다. 빠진 글자 검사에 걸린 기호는
# SYMBOLS에 더한다. kotex는 이런 글자를 한글 글꼴로 보내므로, 글자 분류를 0(라틴)으로 되돌린 뒤 바꿔 찍는다.
SYMBOL_FONT = "Symbola"
SYMBOLS = "🚀"


def symbol_commands(symbols: str) -> str:
    """기호마다: 글자 분류를 라틴(0)으로 되돌리고, 그 글자를 Symbola로 찍는 명령."""
    return "".join(rf'\XeTeXcharclass"{ord(c):X}=0 \newunicodechar{{{c}}}{{{{\symbolfont {c}}}}}' + "\n"
                   for c in symbols)


# 차례·부·장 제목을 한국어 책처럼: "Contents" → "차례", "Part I" → "제 1부", "Chapter 1" → "1".
KOREAN_CAPTIONS = r"""
\addto\captionsenglish{\renewcommand{\contentsname}{차례}\renewcommand{\partname}{제}%
\renewcommand{\chaptername}{}}
\renewcommand{\thepart}{\arabic{part}부}
"""
KOREAN_PREAMBLE = r"""
\tracinglostchars=2
\usepackage{newunicodechar}
\newfontfamily\symbolfont{%s}
""" % SYMBOL_FONT + symbol_commands(SYMBOLS)
# sphinx-jupyterbook-latex가 넣는 ucharclasses는 kotex(xetexko)와 같은 XeTeX 글자 분류를 건드려,
# 라틴 글자 바로 뒤의 한글 한 글자를 라틴 글꼴로 찍게 만든다 ("Missing character"). 그래서 뺀다.
UCHARCLASSES = r"\usepackage[Latin,Greek]{ucharclasses}"
BABEL_WARNING = "no Babel option known for language %r"


class KoreanBabelWarningFilter(logging.Filter):
    """'ko'에 대한 Babel 경고 하나만 거른다 (다른 언어나 다른 경고는 그대로 둔다)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (str(record.msg) in (BABEL_WARNING, __(BABEL_WARNING)) and record.args == ("ko",))


def configure_latex(app: Any, config: Any) -> None:
    """config-inited: 한글 글꼴과 빠진 글자 기록을 LaTeX 설정에 더한다 (사용자가 정한 값은 그대로 둔다)."""
    elements = dict(config.latex_elements)
    elements.setdefault("fontpkg", XELATEX_DEFAULT_FONTPKG + KOREAN_FONTS)
    # 앞: 글자 설정. 뒤: sphinx-jupyterbook-latex가 "Contents"로 정한 차례 제목을 다시 한국어로.
    elements["preamble"] = (KOREAN_PREAMBLE + elements.get("preamble", "").replace(UCHARCLASSES, "")
                            + KOREAN_CAPTIONS)
    config.latex_elements = elements


def add_pdf_link(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """html-page-context: 내려받기 메뉴에 책 전체 PDF 링크를 더한다."""
    base = app.config.html_baseurl
    url = f"{base.rstrip('/')}/{PDF_NAME}" if base else context["pathto"](PDF_NAME, 1)
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].append({
                "type": "link", "url": url, "text": "책 전체 PDF", "icon": "fas fa-book",
                "tooltip": "책 전체를 PDF로 내려받기", "label": "download-book-pdf-button",
            })


def setup(app: Any) -> dict:
    for name in ("sphinx.sphinx.builders.latex", "sphinx.sphinx.writers.latex"):  # 같은 경고를 두 곳에서 낸다
        latex_logger = logging.getLogger(name)
        if not any(isinstance(f, KoreanBabelWarningFilter) for f in latex_logger.filters):
            latex_logger.addFilter(KoreanBabelWarningFilter())
    app.connect("config-inited", configure_latex, priority=900)  # sphinx-jupyterbook-latex(500) 다음에
    app.connect("html-page-context", add_pdf_link, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
