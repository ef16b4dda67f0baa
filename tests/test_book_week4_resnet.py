"""4주차 배치 정규화·ResNet CIFAR-10 장이 빌드된 책에 실행 결과와 그림과 함께 들어 있는가."""
import re
from pathlib import Path

import pytest
from test_book_week3 import page_text  # (HTML 원문, 태그를 뺀 글자)

pytestmark = pytest.mark.book


@pytest.fixture(scope="module")
def week4(site_dir: Path) -> Path:
    """빌드한 책의 book/week4 폴더 (conftest의 site_dir: AILIB_SITE_DIR로 바꿀 수 있다)."""
    return site_dir / "book" / "week4"


@pytest.mark.parametrize("name, min_figures", [("batch-norm", 2), ("resnet-cifar10", 1)])
def test_chapter_is_built_with_outputs_figures_and_exercises(week4, name, min_figures):
    source, text = page_text(week4, name)
    assert "실행 예산(budget):" in text and "Traceback" not in text
    assert len(set(re.findall(r"_images/[0-9a-f]+\.png", source))) >= min_figures
    assert "학습 목표" in text and "연습문제" in text and "정리" in text


def test_batch_norm_matches_the_formula_and_shows_the_modes(week4):
    _, text = page_text(week4, "batch-norm")
    difference = re.search(r"직접 계산과 nn.BatchNorm2d의 최대 차이: ([\d.e+-]+)", text)
    assert difference and float(difference.group(1)) < 1e-4
    assert "γ (weight): ['1.00', '1.00'" in text and "β (bias)  : ['0.00', '0.00'" in text
    assert text.count("같은가: False") == 1 and text.count("같은가: True") == 1
    assert re.search(r"한 장씩 넣은 검증 정확도: 학습 모드 [\d.]+%, 평가 모드 [\d.]+%", text)
    assert "Expected more than 1 value per channel" in text


def test_resnet_chapter_counts_and_both_accuracies(week4):
    _, text = page_text(week4, "resnet-cifar10")
    assert "전체 파라미터 1,190,922개" in text
    assert "교재의 분류기: 9,444,874개, 이 책의 FC: 2,570개" in text
    assert "입력 64×64: 평탄화하면 16,384개 → 교재의 FC1에 맞지 않음" in text
    assert re.search(r"ResNet: 제대로 [\d.]+%, 교재처럼 [\d.]+%", text)
    assert re.search(r"3주차 CNN: 제대로 [\d.]+%, 교재처럼 [\d.]+%", text)
    assert re.search(r"ResNet: 이미지 한 장에 곱셈-덧셈 \d+백만 번", text)
