"""2부 시퀀스 장들(번역기, 글 생성)이 검정·서명·검증으로 고른 k를 계산한 결과로 보여 주는가."""
import re

import pytest
from book_pages import page_text

pytestmark = pytest.mark.book

VERDICTS = ("두 지표 모두에서 어텐션이 유의하게 이겼습니다", "두 지표 모두에서 어텐션이 유의하게 졌습니다",
            "두 지표 모두 차이가 잡음 안이라", "두 지표의 판정이 갈렸습니다")


def test_attention_prints_signatures_and_a_verdict_from_the_paired_bootstrap(site_dir):
    _, text = page_text(site_dir, "book/part2/attention")
    assert re.search(r"BLEU 서명: nrefs:1\|bs:1000\|seed:12345\|case:mixed\|eff:no\|tok:13a", text)
    assert re.search(r"chrF 서명: nrefs:1\|bs:1000\|seed:12345\|case:mixed\|eff:yes\|nc:6\|nw:0", text)
    assert sum(verdict in text for verdict in VERDICTS) == 1
    assert re.search(r"p = 0\.\d{3}\)으로 (어텐션이 유의하게 (높|낮)습니다|차이가 잡음 안이라 무승부입니다)", text)
    assert re.search(r"배치 1의 한 에폭 \(문장 \d+개로 잰 값을 늘린 추정\)", text)


def test_text_generation_tunes_k_on_validation_and_prices_the_two_token_context(site_dir):
    _, text = page_text(site_dir, "book/part2/text-generation")
    assert len(re.findall(r"검증 문장으로 고른 k = [\d.]+", text)) == 3
    assert re.search(r"LSTM \(앞 2음절\)\s+[\d.]+", text) and "트라이그램" in text
    assert "남짓" not in text and "두 배 넘게" not in text
