"""4주차(ResNet) 장들이 빌드된 책에 실행 결과와 함께 들어 있고, 노트의 값과 측정한 비교를 그대로 보여 주는가."""
import re

import pytest
from book_pages import page_text
from conftest import ROOT

pytestmark = pytest.mark.book


def chapter_source(name: str) -> str:
    """장의 MyST 원문 (인용 키와 바뀐 문장을 확인한다)."""
    return (ROOT / "book" / "week4" / f"{name}.md").read_text(encoding="utf-8")


def test_pooling_shows_the_notes_4x4_example(site_dir):
    _, text = page_text(site_dir, "book/week4/pooling")
    assert "tensor([[9., 7.],\n        [8., 6.]])" in text                 # 최대 풀링
    assert "tensor([[4.2500, 4.2500],\n        [4.2500, 3.5000]])" in text  # 평균 풀링
    assert "같은가: False" not in text and text.count("같은가: True") >= 3
    assert "평탄화 분류기의 파라미터: 25,089,000" in text


def test_vanishing_gradients_comparisons_hold(site_dir):
    _, text = page_text(site_dir, "book/week4/vanishing-gradients")
    source = chapter_source("vanishing-gradients")
    assert "σ'의 최댓값: 0.2500 (x = 0.0)" in text
    assert "깊은 평범한 망의 학습 손실이 얕은 망보다 큰가: True" in text
    assert "깊은 잔차 망의 학습 손실이 얕은 망보다 작은가: True" in text
    assert "11,689,512" in text and "60,192,808" in text and "19,421,274" in text
    assert "ReLU(F(x) + x)가 블록의 출력과 같은가: True" in text    # torchvision은 더한 뒤 ReLU
    assert "he2016identity" in source and "he2016resnet" in source
    assert text.count("skip connection") <= 2                      # 용어를 소개할 때와 정리 표에서만


def test_resnet_architecture_shapes(site_dir):
    _, text = page_text(site_dir, "book/week4/resnet-architecture")
    assert "F(x): (128, 28, 28)   x: (64, 56, 56)" in text
    assert "ReLU(F(x) + downsample(x))가 블록의 출력과 같은가: True" in text
    assert "(512, 7, 7)" in text and "(64, 112, 112)" in text
    # 연습문제 3: 3×3 지름길은 합성곱만 9배, BN까지 73,984 / 8,448 ≈ 8.8배
    assert "8,448" in text and "73,984" in text and "8.8배" in text


def test_batch_norm_matches_the_formula_and_shows_the_modes(site_dir):
    _, text = page_text(site_dir, "book/week4/batch-norm")
    source = chapter_source("batch-norm")
    difference = re.search(r"직접 계산과 nn.BatchNorm2d의 최대 차이: ([\d.e+-]+)", text)
    assert difference and float(difference.group(1)) < 1e-4
    assert "γ (weight): ['1.00', '1.00'" in text and "β (bias)  : ['0.00', '0.00'" in text
    assert text.count("같은가: False") == 1 and text.count("같은가: True") == 1
    one = re.search(r"한 장씩 넣은 검증 정확도\(앞 \d+장\): 학습 모드 [\d.]+%, 평가 모드 [\d.]+% "
                    r"\(차이 \+([\d.]+)%포인트, 짝지은 표준오차 ([\d.]+)\)", text)
    assert one and float(one.group(1)) > 2 * float(one.group(2))   # 학습 모드로 한 장씩은 잡음 밖으로 나쁘다
    assert "Expected more than 1 value per channel" in text
    # running_var는 불편 분산 m/(m−1)·σ_B²로 모인다 (nn.BatchNorm2d와 대조)
    assert re.search(r"0\.1·m/\(m-1\)·σ_B² \(불편 분산\): 최대 차이 [\d.e+-]+, 일치하는가: True", text)
    assert re.search(r"0\.1·σ_B² \(m으로 나눈 분산\): 최대 차이 [\d.e+-]+, 일치하는가: False", text)
    assert "santurkar2018batchnorm" in source and "가설" in source
    assert "짝지은 표준오차" in text and "실패한다" not in source


def test_resnet_chapter_counts_and_both_accuracies(site_dir):
    _, text = page_text(site_dir, "book/week4/resnet-cifar10")
    assert "전체 파라미터 1,190,922개" in text
    assert "교재의 분류기: 9,444,874개, 이 책의 FC: 2,570개" in text
    assert "입력 64×64: 평탄화하면 16,384개 → 교재의 FC1에 맞지 않음" in text
    assert "ReLU(F(x) + downsample(x))가 블록의 출력과 같은가: True" in text   # F(x)는 bn1·ReLU까지
    for model in ("ResNet", "3주차 CNN"):
        assert re.search(model + r" \(\d+에폭\): 제대로 [\d.]+% \(± [\d.]+%\), 교재처럼 [\d.]+%, "
                         r"차이 [+-][\d.]+%포인트 \(짝지은 표준오차 [\d.]+%포인트\)", text)
    assert re.search(r"ResNet: 이미지 한 장에 곱셈-덧셈 \d+백만 번", text)
    assert re.search(r"3주차 CNN 에폭별 학습 손실: [\d., ]+ \(ln 10 = 2.303\)", text)
    # 학습 모드로 한 장씩 재면 배치 정규화가 정확도를 잡음(짝지은 표준오차 × 2) 밖으로 떨어뜨린다
    one = re.search(r"학습 모드, 배치  1장: [\d.]+% \(.*?차이 \+([\d.]+)%포인트, 짝지은 표준오차 ([\d.]+)\)", text)
    assert one and float(one.group(1)) > 2 * float(one.group(2))
    source = chapter_source("resnet-cifar10")
    assert "한 줄도 다르지 않습니다" not in source and "90%" not in source and "목표는" not in source
