"""CRNN 장이 빌드된 책에서 CTC의 핵심 함수, 읽을 수 없는 정답의 보고, 교재 버그의 값, 고정 길이 CNN과의 비교를 보여 주는가."""
import re

import pytest
from book_pages import page_text

pytestmark = pytest.mark.book


@pytest.fixture(scope="module")
def crnn_page(site_dir):
    return page_text(site_dir, "book/part2/crnn")[1]


def test_the_lesson_functions_are_shown_from_ailib(crnn_page):
    for name in ("collapse", "greedy_decode", "min_steps", "ctc_loss", "edit_distance", "FixedLengthCNN"):
        assert re.search(rf"(def|class) {name}\(", crnn_page), name


def test_captchas_have_three_to_six_characters(crnn_page):
    assert re.search(r"글자 수별 학습 캡차: \{3: \d+, 4: \d+, 5: \d+, 6: \d+\}", crnn_page)


def test_an_infeasible_label_is_named_where_torch_gives_zero(crnn_page):
    assert re.search(r"F\.ctc_loss\(zero_infinity=True\): \[[\d.]+, 0\.0\]", crnn_page)
    assert "too few for 1 label(s); sample(needed steps): 1(6)" in crnn_page


def test_the_textbook_length_tensor_fails_on_another_batch_size(crnn_page):
    assert "교재의 길이 텐서, 배치 5장: RuntimeError - input_lengths must be of size batch_size" in crnn_page
    assert re.search(r"ailib ctc_loss, 배치 5장: [\d.]+", crnn_page)


def test_the_textbook_decoder_is_priced_on_the_same_predictions(crnn_page):
    assert re.search(r"첫 시점이 빈칸이 아닌 평가 캡차: [\d.]+%", crnn_page)
    assert re.search(r"교재의 디코더: 글자열 정확도 [\d.]+% \([+-][\d.]+%p\), CER [\d.]+% \([+-][\d.]+%p\)", crnn_page)


def test_ctc_and_the_fixed_length_cnn_get_computed_verdicts(crnn_page):
    verdict = r"((CRNN \+ CTC가|고정 길이 CNN이) [\d.]+%p 앞섭니다\(표준오차 [\d.]+%p\)|차이 [+-][\d.]+%p가 표준오차)"
    assert re.search(rf"글자열 정확도: {verdict}", crnn_page)
    assert re.search(rf"CER\(낮을수록 좋다\): {verdict}", crnn_page)
    assert re.search(r"고정 길이 CNN\s+\d+\s+[\d.]+\s+[\d.]+", crnn_page)
