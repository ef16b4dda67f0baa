"""결과 쪽 확장: full 실행 기록의 칸(지난 기록 표시), 장의 코드 지문, 결과를 등록하지 않는 장 찾기."""
import re

import pytest
from book_pages import toc_chapters
from conftest import ROOT

import results_page

TRAINS = re.compile(r"\.fit\(|\.evaluate\(|\.step\(\)|train_\w+_epoch\(")


def recording(fingerprint: str, value: float = 97.1, date: str = "2026-11-30T10:00:00+00:00") -> dict:
    return {"device": "NVIDIA H200", "date": date, "commit": "abc1234def",
            "chapters": {"book/week2/mnist": {"fingerprint": fingerprint, "seconds": 30.0,
                                              "results": [{"key": "test_acc", "value": value, "unit": "%"}]}}}


def test_a_recording_made_with_the_same_code_is_shown_as_current():
    current = results_page.code_fingerprint("book/week2/mnist")
    cell = results_page.recorded_value([recording(current)], "book/week2/mnist", "test_acc", current)
    assert cell == "97.1 % (NVIDIA H200, 2026-11-30)"


def test_a_recording_with_an_old_fingerprint_is_marked_stale_and_the_newest_wins():
    current = results_page.code_fingerprint("book/week2/mnist")
    old, new = recording("0123456789abcdef", 95.0), recording("fedcba9876543210", 96.0, "2026-12-01T00:00:00+00:00")
    cell = results_page.recorded_value([old, new], "book/week2/mnist", "test_acc", current)
    assert cell.startswith("96 % (NVIDIA H200, 2026-12-01)") and "지난 기록" in cell


def test_without_a_recording_the_column_says_so():
    assert results_page.recorded_value([], "book/week2/mnist", "test_acc", "x") == "기록 없음"
    assert results_page.recorded_value([recording("x")], "book/week2/mnist", "other_key", "x") == "기록 없음"
    assert "아직 없습니다" in results_page.recording_summary([])


def test_the_code_fingerprint_follows_code_not_budget(tmp_path, monkeypatch):
    (tmp_path / "ailib").mkdir()
    (tmp_path / "ailib" / "__init__.py").write_text("")
    (tmp_path / "ailib" / "metrics.py").write_text("VERSION = 1\n")
    (tmp_path / "requirements.txt").write_text("torch\n")
    page = ("---\njupytext:\n  text_representation: {extension: .md, format_name: myst}\n"
            "kernelspec: {display_name: Python 3, language: python, name: python3}\n---\n# 장\n\n"
            "```{code-cell} ipython3\nfrom ailib import metrics\n```\n")
    (tmp_path / "chapter.md").write_text(page)
    first = results_page.code_fingerprint("chapter", tmp_path)
    monkeypatch.setenv("AILIB_PROFILE", "full")
    assert results_page.code_fingerprint("chapter", tmp_path) == first       # 예산은 코드가 아니다
    (tmp_path / "ailib" / "metrics.py").write_text("VERSION = 2\n")
    second = results_page.code_fingerprint("chapter", tmp_path)
    (tmp_path / "chapter.md").write_text(page.replace("metrics\n", "metrics\nprint(1)\n"))
    assert len({first, second, results_page.code_fingerprint("chapter", tmp_path)}) == 3
    (tmp_path / "prose.md").write_text("# 코드 없는 쪽\n")
    assert results_page.code_fingerprint("prose", tmp_path) is None


@pytest.mark.parametrize("chapter", toc_chapters(ROOT))
def test_a_chapter_that_trains_or_evaluates_registers_its_results(chapter):
    source = (ROOT / f"{chapter}.md").read_text(encoding="utf-8")
    if TRAINS.search(source):
        assert "record_result(" in source, f"{chapter}: 학습하거나 평가하는 장은 ailib.record_result로 결과를 등록한다"
