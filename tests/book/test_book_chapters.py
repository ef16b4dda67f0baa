"""목차의 모든 장이 빌드된 책에 실행 결과, 이름 붙인 그림, 학습 목표·연습문제·정리와 함께 들어 있는가."""
import pytest
from book_pages import figure_names, figures, page_text, toc_chapters
from conftest import ROOT

pytestmark = pytest.mark.book

CHAPTERS = toc_chapters(ROOT)


def test_the_toc_lists_every_part_of_the_course():
    assert len(CHAPTERS) == 24 and len(set(CHAPTERS)) == len(CHAPTERS)
    assert {chapter.split("/")[1] for chapter in CHAPTERS} == {"week2", "week3", "week4", "week5", "part2"}


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_is_built_with_outputs_figures_and_its_sections(site_dir, chapter):
    source, text = page_text(site_dir, chapter)
    assert "실행 예산(budget):" in text and "Traceback" not in text
    names = figure_names((ROOT / f"{chapter}.md").read_text(encoding="utf-8"))
    assert names, f"{chapter}: 이름 붙인 그림이 없다"
    missing = [name for name in names if f'id="{name}"' not in source]
    assert missing == [], f"{chapter}: 쪽에 없는 그림 {missing}"
    assert figures(source) >= len(set(names))
    assert "학습 목표" in text and "연습문제" in text and "정리" in text
