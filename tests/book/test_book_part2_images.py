"""2부 이미지 장(오토인코더, U-Net, GAN)이 교재의 버그에 값을 매기고, 판단 문장을 실행 결과로 고르는가."""
import html
import re

import pytest
from book_pages import page_text

pytestmark = pytest.mark.book

NUMBER = r"[+-]?\d+\.\d+"


def prose(source: str) -> str:
    """코드와 출력(<pre>)을 뺀 본문 글자: 판단 문장의 후보는 모두 코드에 들어 있으므로 본문에서만 찾는다."""
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<pre.*?</pre>", "", source, flags=re.DOTALL)))


def one_of(source: str, phrases: list[str]) -> str:
    found = [phrase for phrase in phrases if phrase in prose(source)]
    assert len(found) == 1, f"본문의 판단 문장이 정확히 하나여야 한다: {found}"
    return found[0]


def test_autoencoder_shows_ink_saturation_prices_the_textbook_noise_and_tests_pca(site_dir):
    source, text = page_text(site_dir, "book/part2/autoencoder")
    assert "정확히 1이 된 잉크 픽셀" in text and "압축" in text and "누르" not in text
    ink = re.search(rf"교재 방식에서는 잉크 픽셀의 ({NUMBER})%가 정확히 1이 되어 명암이 사라지고,\s*"
                    rf"올바른 잡음에서는 ({NUMBER})%만", text)
    assert ink and float(ink[1]) > 90 > float(ink[2])
    assert "MSE 하나를 dB로 바꾼 값" in text and "오토인코더 (교재 잡음으로 학습)" in text
    gap = re.search(rf"PCA의 PSNR을 빼면 ({NUMBER}) dB\(95% 구간\s*({NUMBER}) ~ ({NUMBER}) dB\)", text)
    assert gap and float(gap[2]) <= float(gap[1]) <= float(gap[3])
    one_of(source, ["오토인코더가 앞서고", "PCA가 앞서고", "둘을 가를 수 없습니다(비김)"])
    one_of(source, ["교재의 잡음은 실제로 PSNR을 깎습니다", "교재의 잡음으로 학습한 모델이 오히려",
                  "차이를 가를 수 없습니다(비김)"])


def test_unet_names_both_connections_prices_the_threshold_and_the_split(site_dir):
    source, text = page_text(site_dir, "book/part2/unet")
    assert 'href="../glossary.html#term-' in source and "건너뛰기 연결(이어 붙이기)" in text
    assert "IoU가 가장 낮은 사진" in text and "가장 못된" not in text
    assert "패딩 없는 3×3 합성곱" in text and "Dice" in text
    assert "U-Net, 교재의 문턱값 (로짓 > 0.5)" in text
    one_of(source, ["교재의 문턱값은 이 모델의 IoU를 실제로 깎습니다", "교재의 문턱값이 오히려 IoU를",
                  "이 시험 데이터로는 차이를 가를 수 없습니다(비김)"])
    one_of(source, ["대체 데이터라서 품종이 없고", "처음 보는 품종에서 더 뒤처집니다",
                  "알파벳순 모델이 오히려", "IoU를 바꾼다고 말할 수 없습니다(비김)"])
    assert "0.80" not in text                     # 재지 않은 목표는 적지 않는다


def test_gan_reports_its_classifier_and_one_coverage_verdict_per_run(site_dir):
    source, text = page_text(site_dir, "book/part2/gan")
    accuracy = re.search(r"분류기: 학습 [\d,]+장, \d+ 에폭, 시험 정확도 (\d+\.\d)%", text)
    assert accuracy and float(accuracy[1]) > 80
    assert "같은 잡음 벡터 8개로" in text and "잡음 벡터 16개" not in text
    one_of(source, ["모드 붕괴의 징후입니다", "숫자 하나를 통째로 잃은 정도는 아닙니다",
                  "모드 붕괴의 징후는 보이지 않습니다"])
    assert "d_steps=2" in text and "def run_gan" in text     # 연습문제 3의 풀이 코드
