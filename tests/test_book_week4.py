"""4주차(ResNet) 장들이 빌드된 책에 실행 결과와 함께 들어 있고, 노트의 값과 측정한 비교를 그대로 보여 주는가."""
from pathlib import Path

import pytest
from book_pages import figures, page_text

pytestmark = pytest.mark.book


@pytest.fixture(scope="module")
def week4(site_dir: Path) -> Path:
    """빌드한 책의 book/week4 폴더 (conftest의 site_dir: AILIB_SITE_DIR로 바꿀 수 있다)."""
    return site_dir / "book" / "week4"


@pytest.mark.parametrize("name, min_figures", [
    ("vanishing-gradients", 3), ("resnet-architecture", 1), ("pooling", 2)])
def test_every_week4a_chapter_is_built_with_outputs_and_figures(week4, name, min_figures):
    source, text = page_text(week4, name)
    assert "실행 예산(budget):" in text and "Traceback" not in text
    assert figures(source) >= min_figures
    assert "연습문제" in text and "정리" in text


def test_pooling_shows_the_notes_4x4_example(week4):
    _, text = page_text(week4, "pooling")
    assert "tensor([[9., 7.],\n        [8., 6.]])" in text                 # 최대 풀링
    assert "tensor([[4.2500, 4.2500],\n        [4.2500, 3.5000]])" in text  # 평균 풀링
    assert "같은가: False" not in text and text.count("같은가: True") >= 3
    assert "평탄화 분류기의 파라미터: 25,089,000" in text


def test_vanishing_gradients_comparisons_hold(week4):
    _, text = page_text(week4, "vanishing-gradients")
    assert "σ'의 최댓값: 0.2500 (x = 0.0)" in text
    assert "깊은 평범한 망의 학습 손실이 얕은 망보다 큰가: True" in text
    assert "깊은 잔차 망의 학습 손실이 얕은 망보다 작은가: True" in text
    assert "11,689,512" in text and "60,192,808" in text and "19,421,274" in text


def test_resnet_architecture_shapes(week4):
    _, text = page_text(week4, "resnet-architecture")
    assert "F(x): (128, 28, 28)   x: (64, 56, 56)" in text
    assert "ReLU(F(x) + downsample(x))가 블록의 출력과 같은가: True" in text
    assert "(512, 7, 7)" in text and "(64, 112, 112)" in text
