"""5주차(RNN) 장들이 빌드된 책에 실행 결과와 함께 들어 있고, 손계산·윈도 수·기준선을 보여 주는가."""
import re

import pytest
from book_pages import page_text

pytestmark = pytest.mark.book


def test_rnn_basics_shows_the_hand_computed_states_and_the_torch_match(site_dir):
    _, text = page_text(site_dir, "book/week5/rnn-basics")
    assert "h1 = tanh(+0.5000, +0.2000) = (+0.4621, +0.1974)" in text
    assert "h3 = [0.7385, -0.4349]" in text
    assert re.search(r"손계산과 nn.RNN의 차이\(tanh\): \d\.\de[+-]0[0-7]", text)


def test_netflix_counts_windows_and_reports_the_naive_baseline(site_dir):
    _, text = page_text(site_dir, "book/week5/netflix")
    assert re.search(r"윈도 \d+개 = N − 30: True", text)
    assert "두 방법의 윈도가 같은가: True True" in text
    assert re.search(r"내일 = 오늘\s+RMSE\s+[\d.]+달러", text)
