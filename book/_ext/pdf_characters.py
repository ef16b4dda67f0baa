"""PDF 글자 검사, TeX 없이 (which characters of the book would the PDF's fonts miss?).

`make pdf`는 글꼴에 없는 글자가 하나라도 있으면 실패하지만, TeX(약 2 GB)이 있어야 알 수 있습니다. 이 검사는
책을 빌드한 doctree(`_build/.doctrees`, LaTeX 빌더가 받는 것과 같은 문서 나무)에서 글자를 모아, PDF가 그
글자에 쓰는 글꼴 파일의 문자표(cmap, fontTools로 읽는다)에 있는지 봅니다.

1. 글자의 갈래(class): 코드(코드 셀, 출력, 인라인 코드)는 mono, 제목·표 머리칸은 sans와 main(차례) 둘 다,
   나머지 본문은 main. 출력은 LaTeX 빌더가 고르는 형식(myst-nb의 우선순위: text/html이 아니라 text/plain)만
   봅니다. Sphinx가 LaTeX 명령으로 바꾸는 글자(✓ 등)는 바꾼 뒤에 봅니다.
2. 글자마다 쓰는 글꼴: kotex(xetexko)의 기본 규칙을 따른다. 한글은 한글 글꼴, 한자는 한자 글꼴, CJK 기호(→, …,
   ·, 따옴표 등)는 한글 글꼴, 괄호와 문장 부호는 본문에서 한글·라틴 글꼴 둘 다(앞 글자를 따른다), 나머지는
   라틴 글꼴, 그 밖의 넓은(전각·CJK) 글자는 한글·한자 글꼴 둘 다. korean_pdf.PDF_FONTS.symbols의 그림 문자는
   Symbola. 글꼴의 모든 굵기·기울임 파일에 있어야 있다고 본다. tests/test_pdf.py는 TeX이 있으면 이 규칙이
   xelatex의 "Missing character"와 같은 글자를 고르는지 조판해 본다.
3. 수식: 수식 글꼴은 TeX과 함께 오므로, 수식 안의 글자는 ASCII만 허용한다 (한글은 \\text{...} 안에: main).

명령줄: `python book/_ext/pdf_characters.py [_build/.doctrees]` — 빠진 글자를 장마다 보이고, 있으면 1로 끝난다.
"""
from __future__ import annotations

import pickle
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docutils import nodes
from fontTools.ttLib import TTFont
from myst_nb.core.render import get_mime_priority
from sphinx import addnodes
from sphinx.util.texescape import escape, hlescape

sys.path.insert(0, str(Path(__file__).resolve().parent))
import korean_pdf  # noqa: E402  (같은 폴더: 글꼴 표)

MONO_NODES = (nodes.literal_block, nodes.literal, nodes.doctest_block, addnodes.literal_strong,
              addnodes.literal_emphasis)
LATEX_MIME_PRIORITY = get_mime_priority("latex", [])   # _config.yml은 우선순위를 바꾸지 않는다
HEADING_NODES = (nodes.title, nodes.subtitle, nodes.thead, nodes.rubric)
SKIPPED_NODES = (nodes.comment, nodes.system_message, nodes.substitution_definition, nodes.image,
                 nodes.target, nodes.Invisible)
FACES = ("", ":bold", ":italic", ":bold:italic")
MATH_TEXT = re.compile(r"\\(?:text|mbox|textrm|mathrm)\{([^{}]*)\}")
BIBLIOGRAPHY = Path(__file__).resolve().parents[1] / "references.bib"

# kotex(xetexko)가 글자를 보내는 글꼴 (xetexko.sty의 글자 분류 표에서 옮겼다): 한글(HG·JJ)은 한글 글꼴,
# 한자(ID)는 한자 글꼴, xetexko가 따로 정한 기호(SY·MD·FS·LD·OP·CL)는 한글 글꼴. 그 밖의 넓은 글자(전각,
# 가나, CJK 문장 부호, 그림 문자)는 XeTeX이 줄바꿈 성질로 CJK 분류에 넣으므로 한글·한자 글꼴 둘 다 본다.
HANGUL = ((0xAC00, 0xD7A3), (0x1100, 0x11FF), (0xA960, 0xA97C), (0x3131, 0x318E), (0xD7B0, 0xD7FB))
IDEOGRAPHS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))
CJK_SYMBOLS = ((0x2160, 0x2169), (0x2170, 0x2179), (0x2190, 0x2199), (0x2460, 0x246E), (0x2474, 0x2482),
               (0x249C, 0x24B5), (0x24D0, 0x24E9), (0x2500, 0x2503), (0x250C, 0x254B), (0x3200, 0x321E),
               (0x3260, 0x327F))
CJK_SYMBOL_CHARS = set("·・―‥…〃′″※℃℉ℓ℡⇒⇔∥∼≪≫⊙▒■▣▤▥▦▧▨▩▲△▶▷▼▽◀◁◆◇◈○◎●◐◑★☆☎☏☜☞♀♂♠♡♣♤♥♧♨♩♪♬♭"
                       "㏂㏇㏘‘“’”\u3000〓＄％＼～￠￡￥￦。．｡：；･")
PARENS = set("(<[`{«')>]}»")      # 본문에서는 한글 글꼴 (parens=hangul), 코드에서는 라틴 글꼴
PUNCTS = set("!,.?:;~")            # 본문에서는 앞 글자의 글꼴 (prevfont): 라틴·한글 둘 다 있어야 한다


@dataclass(frozen=True)
class Missing:
    """PDF에서 빠질 글자 하나: 어느 장(docname), 어느 갈래(main/sans/mono/math), 어느 글꼴에 없는가."""
    docname: str
    family: str
    char: str
    font: str

    def __str__(self) -> str:
        return (f"{self.docname}: {self.char!r} (U+{ord(self.char):04X} {unicodedata.name(self.char, '?')}) "
                f"in {self.family}: not in {self.font}")


# --- 책의 글자 (doctree → 갈래별 글자) ------------------------------------------------------------------

def latex_mime(bundle: nodes.Element) -> nodes.Element | None:
    """myst-nb의 mime_bundle에서 LaTeX 빌더가 고르는 출력 (없으면 None)."""
    by_type = {child.get("mime_type"): child for child in bundle.children}
    return next((by_type[m] for m in LATEX_MIME_PRIORITY if m in by_type), None)


def collect(node: nodes.Node, family: str, out: dict[str, list[str]]) -> None:
    """node 아래 글자를 갈래(main, heading, mono, math)별로 out에 모은다."""
    if isinstance(node, nodes.Text):
        out[family].append(str(node))
        return
    if isinstance(node, SKIPPED_NODES) or (isinstance(node, nodes.raw)
                                           and "latex" not in node.get("format", "").split()):
        return
    if isinstance(node, (nodes.math, nodes.math_block)):
        out["math"].append(node.astext())
        return
    if isinstance(node, nodes.container) and node.get("nb_element") == "mime_bundle":
        chosen = latex_mime(node)
        node = chosen if chosen is not None else nodes.container()
    if isinstance(node, MONO_NODES):
        family = "mono"
    elif isinstance(node, HEADING_NODES) and family != "mono":
        family = "heading"
    for child in node.children:
        collect(child, family, out)


def document_text(doctree: nodes.document) -> dict[str, str]:
    """문서 하나의 글자를 PDF 글꼴 갈래별로: main, sans, mono (Sphinx의 LaTeX 바꿈을 거친 뒤)."""
    out: dict[str, list[str]] = {"main": [], "heading": [], "mono": [], "math": []}
    collect(doctree, "main", out)
    heading = escape("".join(out["heading"]), "xelatex")
    math = "".join(out["math"])
    return {"main": escape("".join(out["main"]), "xelatex") + heading + " ".join(MATH_TEXT.findall(math)),
            "sans": heading,
            "mono": hlescape("".join(out["mono"]), "xelatex"),
            "math": MATH_TEXT.sub("", math)}


def book_text(doctrees: Path) -> dict[str, dict[str, str]]:
    """빌드한 책의 장마다(docname) 갈래별 글자. 참고 문헌(.bib)의 글자는 bibliography 장의 본문으로 센다."""
    texts = {}
    for path in sorted(doctrees.rglob("*.doctree")):
        with path.open("rb") as file:
            texts[path.relative_to(doctrees).with_suffix("").as_posix()] = document_text(pickle.load(file))
    if not texts:
        raise FileNotFoundError(f"{doctrees}에 doctree가 없습니다: 먼저 책을 빌드하세요 (build the book first)")
    bibliography = texts.setdefault("book/bibliography", {"main": "", "sans": "", "mono": "", "math": ""})
    bibliography["main"] += BIBLIOGRAPHY.read_text(encoding="utf-8")
    return texts


# --- 글꼴 (fontconfig로 파일을 찾고 fontTools로 문자표를 읽는다) ------------------------------------------

@cache
def font_files(family: str) -> tuple[Path, ...]:
    """글꼴 이름의 보통·굵게·기울임·굵은 기울임 파일 (fontconfig가 XeTeX처럼 고른다). 없으면 오류."""
    files = []
    for face in FACES:
        found = subprocess.run(["fc-match", "-f", "%{file}\n%{family}", family + face],
                               capture_output=True, text=True, check=True).stdout.split("\n")
        if family not in found[1].split(","):
            raise LookupError(f"글꼴 {family}이(가) 설치되어 있지 않습니다: `make fonts` (font not installed)")
        files.append(Path(found[0]))
    return tuple(dict.fromkeys(files))


@cache
def file_charset(path: Path) -> frozenset[int]:
    """글꼴 파일의 문자표(cmap)에 있는 글자 번호들."""
    with TTFont(path, lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap())


@cache
def charset(family: str) -> frozenset[int]:
    """글꼴의 모든 굵기·기울임 파일에 다 있는 글자들."""
    return frozenset.intersection(*(file_charset(path) for path in font_files(family)))


# --- 글자마다 쓰는 글꼴 (kotex/xetexko의 기본 규칙) ------------------------------------------------------

def in_ranges(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


def required_fonts(char: str, family: str, fonts: korean_pdf.PdfFonts) -> tuple[str, ...]:
    """글자를 찍을 수 있는 글꼴들: 모두에 있어야 한다 (kotex가 앞 글자에 따라 고르는 글자는 둘)."""
    latin, hangul = fonts.latin[family], fonts.hangul[family]
    hanja = fonts.hanja.get(family, hangul)      # kotex: 한자 글꼴을 정하지 않으면 한글 글꼴
    if char in fonts.symbols:
        return (fonts.symbol,)
    if in_ranges(ord(char), HANGUL):
        return (hangul,)
    if in_ranges(ord(char), IDEOGRAPHS) or char == "□":
        return (hanja,)
    if in_ranges(ord(char), CJK_SYMBOLS) or char in CJK_SYMBOL_CHARS:
        return (hangul,)
    if unicodedata.east_asian_width(char) in "WFH":
        return tuple(dict.fromkeys((hangul, hanja)))
    if family != "mono" and char in PARENS:
        return (hangul,)
    if family != "mono" and char in PUNCTS:
        return (latin, hangul)
    return (latin,)


def missing_in(docname: str, family: str, text: str, fonts: korean_pdf.PdfFonts) -> Iterator[Missing]:
    for char in sorted(set(text)):
        if unicodedata.category(char) == "Cc" or char == " ":
            continue
        for font in required_fonts(char, family, fonts):
            if ord(char) not in charset(font):
                yield Missing(docname, family, char, font)


def missing_math(docname: str, math: str) -> Iterator[Missing]:
    for char in sorted(set(math)):
        if ord(char) > 0x7F:
            yield Missing(docname, "math", char, "수식 글꼴 (ASCII만 쓰고, 글은 \\text{...} 안에)")


def missing_characters(doctrees: Path, fonts: korean_pdf.PdfFonts = korean_pdf.PDF_FONTS) -> list[Missing]:
    """책 전체에서 PDF 글꼴에 없는 글자들 (장·갈래·글자 차례)."""
    found = []
    for docname, text in book_text(doctrees).items():
        for family in ("main", "sans", "mono"):
            found.extend(missing_in(docname, family, text[family], fonts))
        found.extend(missing_math(docname, text["math"]))
    return found


def main(argv: list[str]) -> int:
    doctrees = Path(argv[0] if argv else "_build/.doctrees")
    found = missing_characters(doctrees)
    for item in found:
        print(item)
    print(f"PDF 글꼴에 없는 글자 {len(found)}개 (characters missing from the PDF fonts)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
