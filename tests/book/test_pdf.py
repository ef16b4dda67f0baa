"""책 전체 PDF 시험: 한글·한자 글꼴(kotex), 빠진 글자 기록, 'ko' Babel 경고만 거르기, 사이트의 PDF 링크,
그리고 TeX 없이 하는 글자 검사(book/_ext/pdf_characters.py): 책의 모든 글자가 PDF 글꼴의 문자표에 있다.

글자 검사는 `make test`가 설치하는 글꼴(`make fonts`, 약 30 MB)만 있으면 된다. TeX(xelatex, kotex)이 설치된
곳에서는 같은 머리말로 작은 문서를 실제로 조판해, 한글·한자·기호가 빠짐없이 찍히고 글꼴에 없는 글자는 로그에
"Missing character"로 남는지(= make pdf가 실패하는지), 그리고 글자 검사가 xelatex과 같은 글자를 빠졌다고
하는지 본다. 책 전체 PDF 빌드(make pdf)는 TeX 설치(약 2 GB)가 필요해 make test에 넣지 않았다.
"""
import dataclasses
import logging
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from docutils import nodes
from sphinx.builders.latex.constants import XELATEX_DEFAULT_FONTPKG

from conftest import ROOT
import korean_pdf as pdf  # book/_ext/korean_pdf.py
import pdf_characters as characters  # book/_ext/pdf_characters.py
import pdf_link  # book/_ext/pdf_link.py

NO_HANJA_FONTS = dataclasses.replace(pdf.PDF_FONTS, hanja={})   # 고치기 전: 한자도 한글 글꼴로 찍었다
TIBETAN_OM = "\N{TIBETAN SYLLABLE OM}"                         # 이 책의 어느 글꼴에도 없는 글자
LIST_ITEM = re.compile(r"<li[\s>]")

JUPYTERBOOK_PREAMBLE = pdf.UCHARCLASSES + "\n\\usepackage{unicode-math}\n"


def configured(**elements) -> dict:
    config = SimpleNamespace(latex_elements=dict(elements))
    pdf.configure_latex(None, config)
    return config.latex_elements


def test_korean_fonts_are_added_to_sphinx_default_fonts():
    fontpkg = configured()["fontpkg"]
    assert fontpkg.startswith(XELATEX_DEFAULT_FONTPKG)          # 라틴 글꼴(main, sans)은 Sphinx 기본값 그대로
    for family in ("main", "sans"):
        assert rf"\set{family}font{{{pdf.PDF_FONTS.latin[family]}}}" in XELATEX_DEFAULT_FONTPKG
    for line in (r"\setmonofont{DejaVu Sans Mono}", r"\usepackage{kotex}", r"\setmainhangulfont{NanumMyeongjo}",
                 r"\setsanshangulfont{NanumGothic}", r"\setmonohangulfont{NanumGothicCoding}",
                 r"\setmainhanjafont{UnBatang}", r"\setsanshanjafont{NanumGothic}", r"\setmonohanjafont{NanumGothic}"):
        assert line in fontpkg
    assert r"\setmonohanjafont" not in pdf.korean_fonts(NO_HANJA_FONTS)
    assert configured(fontpkg="% mine")["fontpkg"] == "% mine"  # 사용자가 정한 값은 그대로 둔다


def test_preamble_logs_missing_characters_and_drops_ucharclasses():
    preamble = configured(preamble=JUPYTERBOOK_PREAMBLE)["preamble"]
    assert preamble.startswith(pdf.KOREAN_PREAMBLE)
    assert r"\tracinglostchars=2" in preamble
    assert "ucharclasses" not in preamble and r"\usepackage{unicode-math}" in preamble
    assert preamble.endswith(pdf.KOREAN_CAPTIONS)             # "Contents"를 덮어쓰도록 맨 뒤에
    for symbol in pdf.PDF_FONTS.symbols:
        assert rf'\XeTeXcharclass"{ord(symbol):X}=0 \newunicodechar{{{symbol}}}' in preamble


def record(msg: str, *args) -> logging.LogRecord:
    return logging.LogRecord("sphinx.sphinx.builders.latex", logging.WARNING, __file__, 1, msg, args, None)


def test_only_the_korean_babel_warning_is_filtered():
    keep = pdf.KoreanBabelWarningFilter().filter
    assert not keep(record(pdf.BABEL_WARNING, "ko"))
    assert keep(record(pdf.BABEL_WARNING, "xx"))               # 다른 언어의 같은 경고는 남는다
    assert keep(record("undefined label: %r", "ko"))           # 다른 경고도 남는다


def test_the_pdf_name_matches_the_latex_target_and_the_site_link(tmp_path):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["latex"]["latex_documents"]["targetname"] == pdf_link.PDF_NAME.replace(".pdf", ".tex")
    assert f"_build/latex/{pdf_link.PDF_NAME.replace('.pdf', '.log')}" in (ROOT / "Makefile").read_text(encoding="utf-8")
    group = {"label": "download-buttons", "buttons": []}
    app = SimpleNamespace(config=SimpleNamespace(html_baseurl=config["html"]["baseurl"]))
    pdf_link.add_pdf_link(app, "book/intro", "page.html", {"header_buttons": [group], "pathto": None}, None)
    (button,) = group["buttons"]
    assert button["url"] == config["html"]["baseurl"].rstrip("/") + "/" + pdf_link.PDF_NAME


# --- 사이트의 PDF 링크: PDF 없이 배포할 때는 모든 쪽에서 뺀다 ------------------------------------------

def build_site(tmp_path) -> Path:
    """sphinx-book-theme와 pdf_link로 두 쪽짜리 사이트를 빌드한다 (책과 같은 내려받기 메뉴)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / 'book' / '_ext')!r})\nextensions = ['pdf_link']\n"
        "html_theme = 'sphinx_book_theme'\nhtml_baseurl = 'https://example.org/book/'\nlanguage = 'ko'\n",
        encoding="utf-8")
    (src / "index.rst").write_text("제목\n====\n\n본문.\n\n.. toctree::\n\n   two\n", encoding="utf-8")
    (src / "two.rst").write_text("둘째\n====\n\n둘째 쪽.\n", encoding="utf-8")
    # 새 프로세스에서: 같은 프로세스에서 앞서 만든 Sphinx 앱들이 노드를 등록해 두면 "already registered" 경고가 난다
    done = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-E", "-q", str(src), str(tmp_path / "html"),
                           "-d", str(tmp_path / "doctrees")], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and done.stderr == "", done.stderr[-3000:]
    return tmp_path / "html"


def test_without_a_pdf_the_link_leaves_every_page_and_the_rest_of_the_menu_stays(tmp_path):
    site = build_site(tmp_path)
    before = {page: page.read_text(encoding="utf-8") for page in sorted(site.rglob("*.html"))}
    linked = [page for page, text in before.items() if pdf_link.PDF_HREF.search(text)]
    assert {site / "index.html", site / "two.html"} <= set(linked)
    assert pdf_link.main(["--drop", str(site)]) == 0
    for page, old in before.items():
        new = page.read_text(encoding="utf-8")
        assert not pdf_link.PDF_HREF.search(new) and pdf_link.LABEL not in new
        items = len(LIST_ITEM.findall(new))
        assert items == len(LIST_ITEM.findall(old)) - (page in linked) and items == new.count("</li>")
        assert ("btn-download-source-button" in new) == ("btn-download-source-button" in old)   # .rst 내려받기는 남는다
    assert pdf_link.drop_pdf_link(site) == 0                               # 두 번 해도 그대로


def test_a_pdf_link_the_menu_pattern_misses_stops_the_deploy(tmp_path):
    (tmp_path / "page.html").write_text(f'<p><a href="../{pdf_link.PDF_NAME}">PDF</a></p>', encoding="utf-8")
    with pytest.raises(ValueError, match="MENU_ITEM"):
        pdf_link.drop_pdf_link(tmp_path)
    assert pdf_link.main([]) == 2                                          # 쓰는 법을 알린다


# --- TeX 없는 글자 검사: 책의 글자가 PDF 글꼴의 문자표에 있는가 -------------------------------------------

def doctree_folder(tmp_path, documents: dict[str, list[nodes.Node]]) -> Path:
    """{docname: 노드들}로 Sphinx처럼 doctree를 pickle해 둔 폴더."""
    folder = tmp_path / "doctrees"
    for docname, children in documents.items():
        document = nodes.document(None, None)
        document.extend(children)
        path = folder / f"{docname}.doctree"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(document))
    return folder


def mime_bundle(**outputs: nodes.Node) -> nodes.container:
    """myst-nb의 출력 묶음: 형식(text_plain → text/plain)마다 하나."""
    bundle = nodes.container("", nb_element="mime_bundle")
    for name, node in outputs.items():
        bundle += nodes.container("", node, mime_type=name.replace("_", "/", 1))
    return bundle


def test_a_hanja_no_font_has_is_named_with_its_chapter_and_the_hanja_fonts_cover_it(tmp_path):
    title = nodes.section("", nodes.title("", "龍 이야기"))           # 제목: sans(나눔고딕에는 한자가 있다)와 차례(main)
    code = nodes.literal_block("", 'example = "나는 龍을 봐."  # → 토큰, “어휘”… ŷ')
    folder = doctree_folder(tmp_path, {"book/part2/tokens": [title, nodes.paragraph("", "토큰(token) → 번호."), code]})
    found = characters.missing_characters(folder, NO_HANJA_FONTS)
    assert found == [characters.Missing("book/part2/tokens", "main", "龍", "NanumMyeongjo"),
                     characters.Missing("book/part2/tokens", "mono", "龍", "NanumGothicCoding")]
    assert str(found[1]).startswith("book/part2/tokens: '龍' (U+9F8D")
    assert characters.missing_characters(folder) == []                 # 책의 글꼴 표: 한자 글꼴이 있다
    assert characters.main([str(folder)]) == 0


def test_only_what_the_latex_builder_typesets_is_checked(tmp_path):
    output = mime_bundle(text_html=nodes.raw("", f"<p>{TIBETAN_OM}</p>", format="html"),
                         text_plain=nodes.literal_block("", f"{TIBETAN_OM} 출력"))
    folder = doctree_folder(tmp_path, {"book/x": [
        output, nodes.comment("", TIBETAN_OM),                           # 주석과 HTML 출력은 PDF에 없다
        nodes.paragraph("", "", nodes.math("", r"\text{손실} = α"))]})   # 수식: \text 밖은 ASCII만
    found = characters.missing_characters(folder)
    assert [(m.family, m.char) for m in found] == [("mono", TIBETAN_OM), ("math", "α")]
    assert characters.main([str(folder)]) == 1


def test_characters_go_to_the_fonts_kotex_sends_them_to():
    def fonts(char: str, family: str) -> tuple[str, ...]:
        return characters.required_fonts(char, family, pdf.PDF_FONTS)
    assert fonts("가", "main") == ("NanumMyeongjo",) and fonts("龍", "main") == ("UnBatang",)
    assert fonts("龍", "mono") == ("NanumGothic",) and fonts("→", "mono") == ("NanumGothicCoding",)
    assert fonts("(", "main") == ("NanumMyeongjo",) and fonts("(", "mono") == ("DejaVu Sans Mono",)
    assert fonts(".", "sans") == ("FreeSans", "NanumGothic")          # 앞 글자의 글꼴을 따른다: 둘 다
    assert fonts("『", "main") == ("NanumMyeongjo", "UnBatang")       # XeTeX이 CJK 분류로 보내는 넓은 글자
    assert fonts("ŷ", "main") == ("FreeSerif",) and fonts("🚀", "mono") == ("Symbola",)


def test_a_font_that_is_not_installed_is_an_error_that_says_what_to_do():
    with pytest.raises(LookupError, match="make fonts"):
        characters.font_files("No Such Font AI-Library")


@pytest.mark.book
def test_every_character_of_the_book_is_in_the_pdf_fonts(site_dir):
    found = characters.missing_characters(site_dir.parent / ".doctrees")
    assert not found, "PDF 글꼴에 없는 글자 (characters missing from the PDF fonts):\n" + "\n".join(map(str, found))


@pytest.mark.book
def test_without_hanja_fonts_every_hanja_of_the_book_is_reported_with_its_chapter(site_dir):
    doctrees = site_dir.parent / ".doctrees"
    hanja = {(docname, char) for docname, text in characters.book_text(doctrees).items()
             for char in text["main"] + text["mono"] if characters.in_ranges(ord(char), characters.IDEOGRAPHS)}
    found = characters.missing_characters(doctrees, NO_HANJA_FONTS)
    assert {(m.docname, m.char) for m in found} == hanja               # 나눔명조·나눔고딕코딩에는 한자가 없다


# --- TeX이 있을 때: 실제로 조판해 본다 -------------------------------------------------------------------

def have_korean_tex() -> bool:
    if shutil.which("xelatex") is None or shutil.which("kpsewhich") is None:
        return False
    found = subprocess.run(["kpsewhich", "kotex.sty", "newunicodechar.sty"], capture_output=True, text=True)
    fonts = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    table = pdf.PDF_FONTS
    return len(found.stdout.split()) == 2 and all(
        font in fonts for font in (*table.latin.values(), *table.hangul.values(), *table.hanja.values(), table.symbol))


def typeset(tmp_path, body: str, fonts: pdf.PdfFonts = pdf.PDF_FONTS) -> str:
    """책과 같은 글꼴 설정·머리말로 작은 문서를 xelatex으로 조판하고 로그를 돌려준다."""
    elements = configured(fontpkg=XELATEX_DEFAULT_FONTPKG + pdf.korean_fonts(fonts), preamble=JUPYTERBOOK_PREAMBLE)
    document = ("\\documentclass{article}\n\\usepackage{fontspec}\n\\usepackage{amsmath}\n"
                "\\usepackage{polyglossia}\n\\setmainlanguage{english}\n" + elements["fontpkg"]
                + elements["preamble"] + "\\begin{document}\n" + body + "\n\\end{document}\n")
    (tmp_path / "t.tex").write_text(document, encoding="utf-8")
    result = subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", "t.tex"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    return (tmp_path / "t.log").read_text(encoding="utf-8", errors="replace")


@pytest.mark.skipif(not have_korean_tex(), reason="TeX·한글 글꼴이 없다 (sudo make pdf-deps)")
def test_korean_text_symbols_and_code_typeset_without_missing_characters(tmp_path):
    body = ("2026년 11월, 로켓 단추(🚀)를 누르면 → 장이 열립니다. \\textbf{굵게} \\emph{기울임}\n\n"
            "\\texttt{print(\"한글 코드\")  \\# ∂L/∂ŷ = Σ 2(ŷ − y)·xᵏ} $y = f(\\sum_i w_i x_i + b)$")
    assert "Missing character" not in typeset(tmp_path, body)


@pytest.mark.skipif(not have_korean_tex(), reason="TeX·한글 글꼴이 없다 (sudo make pdf-deps)")
def test_a_glyph_no_font_has_is_reported_as_missing(tmp_path):
    log = typeset(tmp_path, f"티베트 문자 {TIBETAN_OM}")
    assert f"Missing character: There is no {TIBETAN_OM}" in log



PROBE = "가나 龍 → … · “인용” (괄호) [a], ŷ ∂ xᵏ ≈ — 🚀 " + TIBETAN_OM
FAMILY_COMMANDS = {"main": "\\textrm", "sans": "\\textsf", "mono": "\\texttt"}


def in_every_face(command: str, text: str) -> str:
    """보통·굵게·기울임·굵은 기울임으로 한 번씩 (검사는 글꼴의 모든 굵기·기울임 파일을 본다)."""
    return " ".join(f"{command}{{{face % text}}}" for face in ("%s", "\\textbf{%s}", "\\textit{%s}",
                                                              "\\textbf{\\textit{%s}}"))


@pytest.mark.skipif(not have_korean_tex(), reason="TeX·한글 글꼴이 없다 (sudo make pdf-deps)")
@pytest.mark.parametrize("fonts", [pdf.PDF_FONTS, NO_HANJA_FONTS], ids=["book-fonts", "no-hanja-fonts"])
@pytest.mark.parametrize("family", FAMILY_COMMANDS)
def test_the_tex_free_check_finds_the_characters_xelatex_misses(tmp_path, fonts, family):
    log = typeset(tmp_path, in_every_face(FAMILY_COMMANDS[family], PROBE), fonts)
    lost = set(re.findall(r"Missing character: There is no (.) ", log))
    predicted = {m.char for m in characters.missing_in("probe", family, PROBE, fonts)}
    assert lost == predicted and TIBETAN_OM in lost
