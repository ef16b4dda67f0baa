"""책 빌드 시험: 진짜 책이 엄격 모드로 빌드되고, 깨진 장은 빌드를 실패시키며, 캐시는 필요한 장만 다시 실행한다."""
from pathlib import Path

import pytest
from conftest import build_book
from mini_book import HEADER, build, cell, executed, mini_book

pytestmark = pytest.mark.book


def test_the_book_builds_strictly_with_executed_outputs(built_book):
    html = built_book
    assert (html / "index.html").is_file()
    for page in ("book/intro.html", "book/glossary.html", "book/week2/ann-basics.html"):
        assert (html / page).is_file(), page
    basics = (html / "book" / "week2" / "ann-basics.html").read_text(encoding="utf-8")
    assert "1 에폭 = 반복 10번" in basics            # DataLoader가 센 값
    assert "실행 예산(budget):" in basics
    assert basics.count('<img alt="_images/') + basics.count('src="../../_images/') >= 2
    assert "ailib 지문" not in basics                 # 지문 셀은 보이지 않는다
    assert "Traceback" not in basics


def test_a_failing_cell_or_a_missing_glyph_fails_the_build(tmp_path):
    book = mini_book(tmp_path, {
        "a_glyph": "# 빠진 글리프\n" + cell("import matplotlib.pyplot as plt\nimport ailib\n"
                                          "ailib.setup_chapter()\nplt.title('\\N{TIBETAN SYLLABLE OM}')\nplt.show()"),
        "b_error": "# 깨진 셀\n" + cell("raise RuntimeError('일부러 낸 오류')"),
    })
    result = build(book)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "missing from font" in log and "a_glyph" in log
    assert "RuntimeError" in log and "일부러 낸 오류" in log


def html_of(book: Path, name: str) -> str:
    return (book / "_build" / "html" / "book" / f"{name}.html").read_text(encoding="utf-8")


def test_warnings_fail_every_build_and_figures_and_notices_render(tmp_path):
    """stderr와 빠진 글리프는 캐시된 다음 빌드에서도 실패시킨다(issue 11의 2). MPLBACKEND=Agg여도 그림이
    쪽에 있다(3). 대체 데이터 안내는 쪽에 안내 상자로 한 번 보인다(issue 17)."""
    book = mini_book(tmp_path, {
        "a_glyph": "# 빠진 글리프\n" + cell("import matplotlib.pyplot as plt\nimport ailib\n"
                                          "ailib.setup_chapter()\nplt.title('\\N{TIBETAN SYLLABLE OM}')\nplt.show()"),
        "c_stderr": "# 표준 오류\n" + cell("import sys\nsys.stderr.write('일부러 쓴 경고\\n')"),
        "d_plot": "# 그림\n" + cell("---\nmystnb:\n  image:\n    alt: 세 점을 잇는 직선\n---\n"
                                     "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()"),
        "e_notice": "# 대체 데이터\n" + cell("from ailib.data import load_text_corpus\n"
                                            "corpus = load_text_corpus()\ncorpus = load_text_corpus()"),
    })
    env = {"MPLBACKEND": "Agg", "AILIB_OFFLINE": "1", "AILIB_DATA": str(tmp_path / "data")}
    first = build(book, **env)
    log = first.stdout + first.stderr
    assert first.returncode != 0
    assert "missing from font" in log and "일부러 쓴 경고" in log
    plot = html_of(book, "d_plot")
    assert plot.count('<img alt="_images/') + plot.count('src="_images/') + plot.count('src="../_images/') >= 1
    notice = html_of(book, "e_notice")
    assert notice.count('class="admonition note ailib-standin"') == 1
    assert "데이터 안내: 텍스트 말뭉치 대신 대체 데이터" in notice
    assert "python -m ailib.data text" in notice and "[데이터 안내]" not in notice
    second = build(book, **env)                                  # 바뀐 것 없음: 캐시의 출력을 쓴다
    log = second.stdout + second.stderr
    assert executed(second) == [] and second.returncode != 0
    assert "missing from font" in log and "a_glyph" in log and "일부러 쓴 경고" in log and "c_stderr" in log
    (book / "book" / "c_stderr.md").write_text(HEADER + "# 고친 장\n" + cell("print('ok')"), encoding="utf-8")
    (book / "book" / "a_glyph.md").write_text(HEADER + "# 고친 장\n" + cell("print('ok')"), encoding="utf-8")
    fixed = build(book, **env)
    assert fixed.returncode == 0, (fixed.stdout + fixed.stderr)[-3000:]


def test_a_warning_fails_even_a_plain_build(tmp_path):
    book = mini_book(tmp_path, {"page": "# 경고\n\n[없는 문서](missing-page.md)\n"})
    result = build_book(book)
    assert result.returncode != 0
    assert "missing-page" in result.stdout + result.stderr


def test_cache_reexecutes_only_chapters_whose_ailib_code_changed(tmp_path):
    # 지문은 책 폴더의 ailib(가짜)를 읽고, 커널은 설치된 진짜 ailib에서 같은 이름을 가져온다
    (tmp_path / "ailib" / "train").mkdir(parents=True)
    (tmp_path / "ailib" / "__init__.py").write_text("")
    (tmp_path / "ailib" / "train" / "__init__.py").write_text("")
    (tmp_path / "ailib" / "train" / "metrics.py").write_text("VERSION = 1\n")
    (tmp_path / "requirements.txt").write_text("torch\n")
    book = mini_book(tmp_path, {
        "uses_metrics": "# metrics를 쓰는 장\n" + cell("from ailib.train import metrics\nprint('ok')"),
        "plain": "# ailib를 쓰지 않는 장\n" + cell("print(1 + 1)"),
    })
    first = build(book)
    assert first.returncode == 0, first.stdout[-3000:]
    assert executed(first) == ["plain", "uses_metrics"]
    assert executed(build(book)) == []                            # 바뀐 것이 없으면 아무것도 실행하지 않는다
    (tmp_path / "ailib" / "train" / "metrics.py").write_text("VERSION = 2\n")
    assert executed(build(book)) == ["uses_metrics"]              # 의존하는 장만 다시 실행한다
    (tmp_path / "requirements.txt").write_text("torch==2.14.1\n")
    assert executed(build(book)) == ["plain", "uses_metrics"]     # 패키지가 바뀌면 모두 다시 실행한다
    assert executed(build(book, AILIB_PROFILE="full")) == ["uses_metrics"]   # 예산이 바뀌면 ailib를 쓰는 장만
    assert executed(build(book, AILIB_PROFILE="full")) == []
