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
    assert "W x_1 = [0.5, 0.2] = W의 첫 번째 열" in text and "0.2000000" not in text


def test_netflix_counts_windows_and_reports_the_naive_baseline(site_dir):
    _, text = page_text(site_dir, "book/week5/netflix")
    assert re.search(r"윈도 \d+개 = N − 30: True", text)
    assert "두 방법의 윈도가 같은가: True True" in text
    assert re.search(r"내일 = 오늘\s+RMSE\s+[\d.]+달러", text)


PERIOD = r"(\d{4}-\d\d-\d\d) ~ (\d{4}-\d\d-\d\d) \((\d+)일\)"


def test_netflix_prices_every_method_on_one_period_against_that_periods_baseline(site_dir):
    _, text = page_text(site_dir, "book/week5/netflix")
    periods = {name: re.search(f"{name}: 평가 기간 {PERIOD}", text).groups()
               for name in ("고친 방법", "스케일링만 전체 기간", "교재의 방법")}
    assert len(set(periods.values())) == 1                       # 세 방법이 같은 기간에서
    assert re.search(f"(?<!: )평가 기간 {PERIOD}", text).groups() == periods["고친 방법"]
    assert "세 방법의 평가 기간이 같은가: True" in text
    whole = re.search(rf"교재의 방법\(교재가 재는 곳\): 평가 기간 {PERIOD}", text).groups()
    assert int(whole[2]) > int(periods["고친 방법"][2]) and whole[1] == periods["고친 방법"][1]
    ratios = re.findall(r"RMSE\s+([\d.]+)달러 = 같은 기간 기준선 ([\d.]+)달러의 ([\d.]+)배", text)
    assert len(ratios) == 4
    for error, base, ratio in ratios:
        assert float(ratio) == pytest.approx(float(error) / float(base), abs=0.01)
    assert re.search(r"95% 구간 \[[+-][\d.]+, [+-][\d.]+\]", text)
    for label in ("판정", "스케일링", "교재의 방법"):          # 출력한 판정이 본문에 그대로 붙는다
        verdict = re.search(f"{label}: ([^\n]+다)\n", text).group(1)
        assert text.count(verdict) >= 2


def test_long_term_dependency_glues_every_verdict_it_prints(site_dir):
    _, text = page_text(site_dir, "book/week5/long-term-dependency")
    for name in ("rnn-vs-chance", "rnn-vs-short", "lstm-vs-rnn", "gru-vs-rnn", "chain"):
        phrase = re.search(f"{name}: ([^\n]+)\n", text).group(1)
        assert text.count(phrase) >= 2, name                 # 출력한 판정이 본문에 그대로 붙는다
    assert "def gradient_per_step" in text                   # 숨은 측정 도구를 본문에서 읽는다
    assert re.search(r"GRU의 한 걸음은 LSTM의\s+\d+\.\d\d배", text)
