"""4주차(ResNet) 장들이 빌드된 책에 실행 결과와 함께 들어 있고, 노트의 값과 측정한 비교를 그대로 보여 주는가."""
import re

import pytest
from book_pages import page_text

pytestmark = pytest.mark.book


def test_pooling_shows_the_notes_4x4_example(site_dir):
    _, text = page_text(site_dir, "book/week4/pooling")
    assert "tensor([[9., 7.],\n        [8., 6.]])" in text                 # 최대 풀링
    assert "tensor([[4.2500, 4.2500],\n        [4.2500, 3.5000]])" in text  # 평균 풀링
    assert "같은가: False" not in text and text.count("같은가: True") >= 3
    assert "평탄화 분류기의 파라미터: 25,089,000" in text


def test_vanishing_gradients_comparisons_hold(site_dir):
    _, text = page_text(site_dir, "book/week4/vanishing-gradients")
    assert "σ'의 최댓값: 0.2500 (x = 0.0)" in text
    assert "깊은 평범한 망의 학습 손실이 얕은 망보다 큰가: True" in text
    assert "깊은 잔차 망의 학습 손실이 얕은 망보다 작은가: True" in text
    assert "11,689,512" in text and "60,192,808" in text and "19,421,274" in text


def test_resnet_architecture_shapes(site_dir):
    _, text = page_text(site_dir, "book/week4/resnet-architecture")
    assert "F(x): (128, 28, 28)   x: (64, 56, 56)" in text
    assert "ReLU(F(x) + downsample(x))가 블록의 출력과 같은가: True" in text
    assert "(512, 7, 7)" in text and "(64, 112, 112)" in text


def test_batch_norm_matches_the_formula_and_shows_the_modes(site_dir):
    _, text = page_text(site_dir, "book/week4/batch-norm")
    difference = re.search(r"직접 계산과 nn.BatchNorm2d의 최대 차이: ([\d.e+-]+)", text)
    assert difference and float(difference.group(1)) < 1e-4
    assert "γ (weight): ['1.00', '1.00'" in text and "β (bias)  : ['0.00', '0.00'" in text
    assert text.count("같은가: False") == 1 and text.count("같은가: True") == 1
    assert re.search(r"한 장씩 넣은 검증 정확도: 학습 모드 [\d.]+%, 평가 모드 [\d.]+%", text)
    assert "Expected more than 1 value per channel" in text


def test_resnet_chapter_counts_and_both_accuracies(site_dir):
    _, text = page_text(site_dir, "book/week4/resnet-cifar10")
    assert "전체 파라미터 1,190,922개" in text
    assert "교재의 분류기: 9,444,874개, 이 책의 FC: 2,570개" in text
    assert "입력 64×64: 평탄화하면 16,384개 → 교재의 FC1에 맞지 않음" in text
    assert re.search(r"ResNet: 제대로 [\d.]+%, 교재처럼 [\d.]+%", text)
    assert re.search(r"3주차 CNN: 제대로 [\d.]+%, 교재처럼 [\d.]+%", text)
    assert re.search(r"ResNet: 이미지 한 장에 곱셈-덧셈 \d+백만 번", text)
