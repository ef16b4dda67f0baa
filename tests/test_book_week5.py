"""5주차(RNN) 장들이 빌드된 책에 실행 결과와 함께 들어 있고, 손계산·윈도 수·기준선을 보여 주는가."""
import html
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.book


@pytest.fixture(scope="module")
def week5(site_dir: Path) -> Path:
    """빌드한 책의 book/week5 폴더 (conftest의 site_dir: AILIB_SITE_DIR로 바꿀 수 있다)."""
    return site_dir / "book" / "week5"


def page_text(folder: Path, name: str) -> tuple[str, str]:
    source = (folder / f"{name}.html").read_text(encoding="utf-8")
    return source, html.unescape(re.sub(r"<[^>]+>", "", source))


@pytest.mark.parametrize("name, min_figures", [
    ("rnn-basics", 3), ("rnn-io", 1), ("long-term-dependency", 2), ("netflix", 1)])
def test_every_week5_chapter_is_built_with_outputs_and_figures(week5, name, min_figures):
    source, text = page_text(week5, name)
    assert "실행 예산(budget):" in text and "Traceback" not in text
    assert len(set(re.findall(r"_images/[0-9a-f]+\.png", source))) >= min_figures
    assert "연습문제" in text and "정리" in text


def test_rnn_basics_shows_the_hand_computed_states_and_the_torch_match(week5):
    _, text = page_text(week5, "rnn-basics")
    assert "h1 = tanh(+0.5000, +0.2000) = (+0.4621, +0.1974)" in text
    assert "h3 = [0.7385, -0.4349]" in text
    assert re.search(r"손계산과 nn.RNN의 차이\(tanh\): \d\.\de[+-]0[0-7]", text)


def test_netflix_counts_windows_and_reports_the_naive_baseline(week5):
    _, text = page_text(week5, "netflix")
    assert re.search(r"윈도 \d+개 = N − 30: True", text)
    assert "두 방법의 윈도가 같은가: True True" in text
    assert re.search(r"내일 = 오늘\s+RMSE\s+[\d.]+달러", text)
