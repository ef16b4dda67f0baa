"""책 전체 PDF 설정 시험: 한글 글꼴(kotex), 빠진 글자 기록, 'ko' Babel 경고만 거르기, 사이트의 PDF 링크.

TeX(xelatex, kotex, 나눔 글꼴)이 설치된 곳에서는 같은 머리말로 작은 문서를 실제로 조판해, 한글·기호는
빠짐없이 찍히고 글꼴에 없는 글자는 로그에 "Missing character"로 남는지(= make pdf가 실패하는지) 본다.
책 전체 PDF 빌드(make pdf)는 TeX 설치(약 2 GB)가 필요해 make test에 넣지 않았다.
"""
import logging
import shutil
import subprocess
from types import SimpleNamespace

import pytest
import yaml

from conftest import ROOT
import korean_pdf as pdf  # book/_ext/korean_pdf.py

JUPYTERBOOK_PREAMBLE = pdf.UCHARCLASSES + "\n\\usepackage{unicode-math}\n"


def configured(**elements) -> dict:
    config = SimpleNamespace(latex_elements=dict(elements))
    pdf.configure_latex(None, config)
    return config.latex_elements


def test_korean_fonts_are_added_to_sphinx_default_fonts():
    fontpkg = configured()["fontpkg"]
    assert r"\setmainfont{FreeSerif}" in fontpkg               # 라틴 글꼴은 Sphinx 기본값 그대로
    for line in (r"\setmonofont{DejaVu Sans Mono}", r"\usepackage{kotex}", r"\setmainhangulfont{NanumMyeongjo}",
                 r"\setsanshangulfont{NanumGothic}", r"\setmonohangulfont{NanumGothicCoding}"):
        assert line in fontpkg
    assert configured(fontpkg="% mine")["fontpkg"] == "% mine"  # 사용자가 정한 값은 그대로 둔다


def test_preamble_logs_missing_characters_and_drops_ucharclasses():
    preamble = configured(preamble=JUPYTERBOOK_PREAMBLE)["preamble"]
    assert preamble.startswith(pdf.KOREAN_PREAMBLE)
    assert r"\tracinglostchars=2" in preamble
    assert "ucharclasses" not in preamble and r"\usepackage{unicode-math}" in preamble
    assert preamble.endswith(pdf.KOREAN_CAPTIONS)             # "Contents"를 덮어쓰도록 맨 뒤에
    for symbol in pdf.SYMBOLS:
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
    assert config["latex"]["latex_documents"]["targetname"] == pdf.PDF_NAME.replace(".pdf", ".tex")
    assert f"_build/latex/{pdf.PDF_NAME.replace('.pdf', '.log')}" in (ROOT / "Makefile").read_text(encoding="utf-8")
    group = {"label": "download-buttons", "buttons": []}
    app = SimpleNamespace(config=SimpleNamespace(html_baseurl=config["html"]["baseurl"]))
    pdf.add_pdf_link(app, "book/intro", "page.html", {"header_buttons": [group], "pathto": None}, None)
    (button,) = group["buttons"]
    assert button["url"] == config["html"]["baseurl"].rstrip("/") + "/" + pdf.PDF_NAME


def have_korean_tex() -> bool:
    if shutil.which("xelatex") is None or shutil.which("kpsewhich") is None:
        return False
    found = subprocess.run(["kpsewhich", "kotex.sty", "newunicodechar.sty"], capture_output=True, text=True)
    fonts = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    return len(found.stdout.split()) == 2 and all(
        font in fonts for font in ("NanumMyeongjo", "NanumGothicCoding", "FreeSerif", "DejaVu Sans Mono",
                                   pdf.SYMBOL_FONT))


def typeset(tmp_path, body: str) -> str:
    """책과 같은 글꼴 설정·머리말로 작은 문서를 xelatex으로 조판하고 로그를 돌려준다."""
    elements = configured(preamble=JUPYTERBOOK_PREAMBLE)
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
    log = typeset(tmp_path, "티베트 문자 \N{TIBETAN SYLLABLE OM}")
    assert "Missing character: There is no \N{TIBETAN SYLLABLE OM}" in log
