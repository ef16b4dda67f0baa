"""한국어 검색 확장 시험: 한글은 겹치는 두 음절 조각으로 색인하고, 영어·코드 낱말은 지금처럼 색인한다."""
import io
import json
import unicodedata

import pytest
from conftest import ROOT
from sphinx.application import Sphinx

from korean_search import SearchKorean, hangul_pieces


@pytest.fixture(scope="module")
def korean() -> SearchKorean:
    return SearchKorean({})


def test_hangul_words_become_overlapping_two_syllable_pieces():
    assert hangul_pieces("행렬은") == ["행렬", "렬은"]
    assert hangul_pieces("기울기") == ["기울", "울기"]
    assert hangul_pieces("배치") == ["배치"]
    assert hangul_pieces("층") == ["층"]                      # 한 음절 낱말은 그대로


def test_code_and_english_words_stay_whole_and_lose_attached_particles():
    assert hangul_pieces("CrossEntropyLoss") == ["CrossEntropyLoss"]
    assert hangul_pieces("CrossEntropyLoss로") == ["CrossEntropyLoss"]
    assert hangul_pieces("ReLU와") == ["ReLU"]
    assert hangul_pieces("3층짜리") == ["3", "층짜", "짜리"]
    assert hangul_pieces("행렬_곱셈") == ["행렬", "곱셈"]        # 밑줄만 남은 조각은 버린다


@pytest.mark.parametrize("query, text", [
    ("행렬", "가중치 행렬은 입력과 곱한다"),
    ("배치", "미니배치마다 손실을 구한다"),
    ("에폭", "에폭마다 검증한다"),
    ("합성곱", "합성곱층을 쌓는다"),
    ("기울기 소실", "깊은 망에서는 기울기가 소실되는 문제가"),
    ("CrossEntropyLoss", "nn.CrossEntropyLoss로 손실을 잰다"),
])
def test_every_query_piece_is_in_the_index_of_a_text_containing_it(korean, query, text):
    index = {korean.stem(w).lower() for w in korean.split(text) if korean.word_filter(w)}
    query_pieces = {korean.stem(w).lower() for w in korean.split(query)}
    assert query_pieces and query_pieces <= index


def test_a_sentence_splits_into_hangul_pieces_and_whole_code_words(korean):
    assert korean.split("행렬은 CrossEntropyLoss로 계산한다.") == [
        "행렬", "렬은", "CrossEntropyLoss", "계산", "산한", "한다"]


def test_decomposed_hangul_is_normalised_first(korean):
    decomposed = unicodedata.normalize("NFD", "행렬은")
    assert decomposed != "행렬은"
    assert korean.split(decomposed) == ["행렬", "렬은"]


def test_english_is_stemmed_as_before_and_hangul_is_not(korean):
    assert korean.stem("layers") == "layer"
    assert korean.stem("CrossEntropyLoss") == "crossentropyloss"
    assert korean.stem("행렬") == "행렬"


def test_numbers_and_english_stop_words_are_not_indexed(korean):
    assert not korean.word_filter("2024")
    assert not korean.word_filter("the")
    assert korean.word_filter("행렬") and korean.word_filter("층") and korean.word_filter("relu")
    assert korean.word_filter("x2")


def test_a_sphinx_build_with_language_ko_writes_a_bigram_index(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / 'book' / '_ext')!r})\n"
        "extensions = ['korean_search']\nlanguage = 'ko'\n", encoding="utf-8")
    (src / "index.rst").write_text(
        "합성곱 신경망\n=============\n\n가중치 행렬은 2024번 곱한다. nn.CrossEntropyLoss로 잰다.\n",
        encoding="utf-8")
    warnings = io.StringIO()
    app = Sphinx(str(src), str(src), str(tmp_path / "html"), str(tmp_path / "doctrees"), "html",
                 status=None, warning=warnings, freshenv=True)
    app.build()
    assert warnings.getvalue() == ""
    index_js = (tmp_path / "html" / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(index_js[len("Search.setIndex("):-1])
    terms, titles = set(index["terms"]), set(index["titleterms"])
    assert {"행렬", "렬은", "가중", "중치", "crossentropyloss", "nn"} <= terms
    assert {"합성", "성곱", "신경", "경망"} <= titles
    assert "행렬은" not in terms and "2024" not in terms
    language_data = (tmp_path / "html" / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "hangulPieces" in language_data
    assert (tmp_path / "html" / "_static" / "korean.css").is_file()
