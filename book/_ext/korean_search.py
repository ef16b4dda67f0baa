"""한국어 검색과 한글 글꼴 (Korean search and Hangul fonts for the AI-Library book).

Sphinx에는 한국어 검색이 없다. 기본 검색은 띄어쓰기로 나눈 낱말을 통째로 색인하므로 "행렬은"은
"행렬"로 찾을 수 없고, 두 음절 검색어는 아무것도 찾지 못한다. 이 확장은

1. 검색 언어 'ko'를 등록한다: 한글 낱말을 겹치는 두 음절 조각(bigram)으로 색인한다
   ("행렬은" → 행렬, 렬은). 검색창의 검색어도 같은 규칙으로 자르므로(korean_search.js) 두 음절
   검색어가 긴 낱말 속에서도 맞는다. 영어·코드 낱말(CrossEntropyLoss)은 지금처럼 영어 규칙(Porter
   어간 추출)으로 색인한다. 검색창이 찾지 않는 숫자만으로 된 낱말은 색인하지 않는다.
2. 한글 글꼴을 선언한다(korean_static/korean.css): 본문·제목·코드의 한글을 운영체제의 한글 글꼴
   (맑은 고딕, Apple SD 산돌고딕 Neo, Noto Sans CJK KR, 나눔고딕...)로 그린다.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.search.en import SearchEnglish

HERE = Path(__file__).resolve().parent
SPLITTER_JS = HERE / "korean_search.js"
STATIC_DIR = HERE / "korean_static"

HANGUL = "\uac00-\ud7a3"                      # 한글 음절 (가-힣)
RUNS = re.compile(f"[{HANGUL}]+|[^{HANGUL}]+")  # 한글 덩어리와 그 밖의 덩어리
STARTS_WITH_HANGUL = re.compile(f"[{HANGUL}]")
LETTER_OR_NUMBER = re.compile(r"[^\W_]")
ASCII_NUMBER = re.compile(r"[0-9]+")


def hangul_pieces(word: str) -> list[str]:
    """낱말 하나를 색인 조각으로: 한글은 겹치는 두 음절 조각, 그 밖의 글자는 덩어리 그대로.

    >>> hangul_pieces("행렬은"), hangul_pieces("CrossEntropyLoss로"), hangul_pieces("층")
    (['행렬', '렬은'], ['CrossEntropyLoss'], ['층'])
    """
    if len(word) == 1 and STARTS_WITH_HANGUL.match(word):
        return [word]
    pieces: list[str] = []
    for run in RUNS.findall(word):
        if STARTS_WITH_HANGUL.match(run):
            pieces.extend(run[i:i + 2] for i in range(len(run) - 1))
        elif LETTER_OR_NUMBER.search(run):
            pieces.append(run)
    return pieces


class SearchKorean(SearchEnglish):
    """검색 언어 'ko': 한글은 두 음절 조각, 영어는 SearchEnglish(지금까지 'ko'에 쓰이던 기본값) 그대로."""

    lang = "ko"
    language_name = "Korean"
    js_splitter_code = SPLITTER_JS.read_text(encoding="utf-8")

    def split(self, input: str) -> list[str]:
        words = self._word_re.findall(unicodedata.normalize("NFC", input))
        return [piece for word in words for piece in hangul_pieces(word)]

    def stem(self, word: str) -> str:
        return word if STARTS_WITH_HANGUL.match(word) else super().stem(word)

    def word_filter(self, word: str) -> bool:
        # 검색창(searchtools.js)은 숫자만으로 된 검색어를 버리므로 색인에 둘 까닭이 없다.
        return super().word_filter(word) and not ASCII_NUMBER.fullmatch(word)


def add_static_files(app: Sphinx, config) -> None:
    """config-inited: 한글 글꼴 CSS가 든 폴더를 정적 파일 경로에 더한다."""
    config.html_static_path.append(str(STATIC_DIR))


def setup(app: Sphinx) -> dict:
    app.add_search_language(SearchKorean)
    # 자르는 규칙이 바뀌면 모든 장을 다시 읽어 색인을 새로 만든다 (실행 캐시는 그대로 쓴다).
    rules = hashlib.sha256(Path(__file__).read_bytes() + SPLITTER_JS.read_bytes()).hexdigest()[:16]
    app.add_config_value("korean_search_rules", rules, "env")
    app.connect("config-inited", add_static_files)
    app.add_css_file("korean.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
