"""3주차(CNN) 장들이 빌드된 책에 실행 결과와 함께 들어 있고, 노트의 손계산 값을 그대로 보여 주는가."""
import re

import pytest
from book_pages import page_text

pytestmark = pytest.mark.book


def test_cnn_components_shows_the_notes_numbers(site_dir):
    _, text = page_text(site_dir, "book/week3/cnn-components")
    assert "5×5 이미지, 3×3 커널, 스트라이드 2: 공식 2×2, 실제 계산 (2, 2)" in text
    assert "5×5 이미지, 3×3 커널, 스트라이드 1: 공식 3×3, 실제 계산 (3, 3)" in text
    assert "패딩 0: 1×1 → [[45]]" in text
    assert "stride 2" not in text and "zero 패딩" not in text         # 출력도 한국어로
    assert "[5, 4, 5, 6, 5],\n        [2, 1, 2, 3, 2]" in text          # 반사 패딩
    assert "[1, 1, 2, 3, 3],\n        [1, 1, 2, 3, 3]" in text          # 복제 패딩
    assert "특징 맵 (30, 30) → 최대 풀링 (15, 15)" in text             # 노트의 4×4 예는 4주차 pooling 장
    assert "같은가: False" not in text and text.count("같은가: True") >= 4


def test_vgg16_table_and_counts(site_dir):
    _, text = page_text(site_dir, "book/week3/vgg16")
    assert "전체 파라미터: 138,357,544개" in text
    assert "합성곱층: 13  완전연결층: 3" in text
    assert "(512, 7, 7)" in text and "102,764,544" in text
    assert "조각(토큰) 행렬: (196, 768)" in text


def test_cifar10_trains_and_evaluates(site_dir):
    _, text = page_text(site_dir, "book/week3/cifar10")
    assert "전체 파라미터 9,457,962개" in text
    assert re.search(r"에폭당 평균 [\d.]+초", text)
    assert re.search(r"시험 정확도: [\d.]+%", text)


def test_transfer_learning_shows_dropout_modes_and_freezing(site_dir):
    source, text = page_text(site_dir, "book/week3/transfer-learning")
    assert "학습 모드에서 두 출력이 같은가: False" in text
    assert "평가 모드에서 두 출력이 같은가: True" in text
    assert "119,586,826" in text and "134,301,514" in text       # 동결했을 때와 전체의 학습할 파라미터 수
    assert "목표는" not in text and "목표인" not in text and "90%" not in text  # 잰 적 없는 목표 수치
    assert re.search(r"두 방법 중 높은 시험 정확도 [\d.]+%, 우연 수준 10%와의 차이 [+-][\d.]+%", text)
