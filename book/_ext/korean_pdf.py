"""책 전체 PDF (the whole book as a Korean PDF: xelatex + kotex + Nanum fonts).

`make pdf`(= `jupyter-book build . --builder pdflatex`)가 쓰는 설정입니다.

1. 글꼴(PDF_FONTS): kotex로 한글은 본문 나눔명조, 제목(산세리프) 나눔고딕, 코드 나눔고딕코딩으로 찍습니다.
   나눔명조와 나눔고딕코딩에는 한자가 없어, 한자는 본문 은바탕, 제목·코드 나눔고딕으로 찍습니다.
   라틴 문자와 기호는 Sphinx 기본 글꼴(FreeSerif/FreeSans)이, 코드는 글자가 더 많은 DejaVu Sans Mono가
   맡습니다 (ailib 소스의 ŷ, ∂, xᵏ 같은 글자). 그림 문자(🚀)는 Symbola.
2. 빠진 글자: `\\tracinglostchars=2`로 글꼴에 없는 글자마다 LaTeX 로그에 "Missing character"를
   남깁니다. `make pdf`와 발행 워크플로는 그 줄이 하나라도 있으면 실패합니다. TeX 없이도
   book/_ext/pdf_characters.py가 책의 모든 글자를 이 글꼴들의 문자표와 맞춰 봅니다 (`make test`).
3. Sphinx는 'ko'에 맞는 Babel 옵션이 없다는 경고를 냅니다. 한국어 조판은 Babel이 아니라 kotex가
   맡으므로 그 경고 하나만 거릅니다 (엄격한 빌드에서는 경고가 곧 실패이기 때문입니다).
4. HTML 내려받기 메뉴의 "책 전체 PDF" 링크는 book/_ext/pdf_link.py가 넣습니다.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sphinx.builders.latex.constants import XELATEX_DEFAULT_FONTPKG
from sphinx.locale import __

@dataclass(frozen=True)
class PdfFonts:
    """PDF가 글꼴 갈래(main 본문, sans 제목, mono 코드)마다 쓰는 글꼴 이름 (fontconfig의 이름)."""
    latin: dict[str, str]     # fontspec: 라틴 문자와 기호
    hangul: dict[str, str]    # kotex: 한글과 CJK 기호
    hanja: dict[str, str]     # kotex: 한자 (정하지 않은 갈래는 한글 글꼴)
    symbol: str               # 한글 글꼴에도 라틴 글꼴에도 없는 그림 문자
    symbols: str


# main·sans의 라틴 글꼴은 Sphinx 기본값(FreeSerif/FreeSans)이다. 코드는 글자가 더 많은 DejaVu Sans Mono.
# 나눔명조와 나눔고딕코딩에는 한자가 없어, 한자는 은바탕(본문)과 나눔고딕(제목·코드)으로 찍는다.
# 빠진 글자 검사(book/_ext/pdf_characters.py)에 걸린 그림 문자는 symbols에 더한다.
PDF_FONTS = PdfFonts(
    latin={"main": "FreeSerif", "sans": "FreeSans", "mono": "DejaVu Sans Mono"},
    hangul={"main": "NanumMyeongjo", "sans": "NanumGothic", "mono": "NanumGothicCoding"},
    hanja={"main": "UnBatang", "sans": "NanumGothic", "mono": "NanumGothic"},
    symbol="Symbola", symbols="🚀")


def korean_fonts(fonts: PdfFonts) -> str:
    """kotex와 한글·한자 글꼴을 정하는 LaTeX (Sphinx 기본 글꼴 설정 뒤에 붙인다)."""
    lines = [rf"\setmonofont{{{fonts.latin['mono']}}}[Scale=MatchLowercase]", r"\usepackage{kotex}"]
    for script, table in (("hangul", fonts.hangul), ("hanja", fonts.hanja)):
        lines += [rf"\set{family}{script}font{{{name}}}[AutoFakeSlant=0.15]" for family, name in table.items()]
    return "\n" + "\n".join(lines) + "\n"


KOREAN_FONTS = korean_fonts(PDF_FONTS)


def symbol_commands(symbols: str) -> str:
    """기호마다: 글자 분류를 라틴(0)으로 되돌리고, 그 글자를 Symbola로 찍는 명령.

    kotex는 그림 문자를 한자 글꼴로 보내므로, 분류를 0으로 되돌린 뒤 바꿔 찍는다."""
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
""" % PDF_FONTS.symbol + symbol_commands(PDF_FONTS.symbols)
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


def setup(app: Any) -> dict:
    for name in ("sphinx.sphinx.builders.latex", "sphinx.sphinx.writers.latex"):  # 같은 경고를 두 곳에서 낸다
        latex_logger = logging.getLogger(name)
        if not any(isinstance(f, KoreanBabelWarningFilter) for f in latex_logger.filters):
            latex_logger.addFilter(KoreanBabelWarningFilter())
    app.connect("config-inited", configure_latex, priority=900)  # sphinx-jupyterbook-latex(500) 다음에
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
