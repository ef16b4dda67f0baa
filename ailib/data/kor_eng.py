"""영어–한국어 문장 쌍: Tatoeba 문장(manythings.org의 `kor.txt` 배치)과 오프라인 대체 문장(작은 문법에서 뽑음).

`kor.txt`는 한 줄에 `영어 TAB 한국어 TAB 출처` 하나다. 문장은 Tatoeba(tatoeba.org)의 것으로 CC-BY 2.0
(France) 조건에 따라 각 줄의 출처(attribution)를 지워서는 안 되므로, 표에 그대로 남긴다.
manythings.org의 파일은 계속 갱신되어 해시를 고정할 수 없으므로, 같은 파일을 커밋에 고정해 둔 공개
저장소의 사본(3,798쌍)을 SHA-256으로 확인해 받는다.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ailib.data.download import RemoteFile, fetch
from ailib.data.kor_eng_standin import ATTRIBUTION, grammar_pairs
from ailib.data.offline import real_or_standin
from ailib.data.standin_size import standin_count

PAIR_COLUMNS = ("english", "korean", "attribution")
REAL_SIZE = 3_798  # 실제 kor.txt의 문장 쌍 수
STANDIN_SIZE = 3_000  # 대체 문장 쌍 수 (기본 크기)
KOR_TXT = RemoteFile(
    "kor-eng/kor.txt",
    "https://raw.githubusercontent.com/nate-koser/kor-eng-translator/a073cb5f7b819c73cbd46d19ceb6a42463041152/kor.txt",
    "3988edfd32c892ccf4450772bc3a5906ebfcf3c8648f56012df204ddf27b8280",
)


def load_kor_eng_pairs(path: str | Path | None = None) -> pd.DataFrame:
    """문장 쌍 표 (열 english, korean, attribution). path를 주면 그 kor.txt 배치 파일을 읽는다."""
    if path is not None:
        return read_pairs(Path(path))
    return real_or_standin(
        "kor-eng", lambda: read_pairs(fetch(KOR_TXT)),
        _standin_pairs,
        label="영어–한국어 문장 쌍",
        standin_name=f"이 책이 작은 문법에서 만든 예문 {standin_count(STANDIN_SIZE, REAL_SIZE):,}쌍",
    )


def _standin_pairs() -> pd.DataFrame:
    """문법에서 뽑은 서로 다른 쌍. `AILIB_STANDIN_SIZE=real`이면 실제 파일과 같은 쌍 수."""
    pairs = grammar_pairs(standin_count(STANDIN_SIZE, REAL_SIZE))
    return pd.DataFrame([(en, ko, ATTRIBUTION) for en, ko in pairs], columns=list(PAIR_COLUMNS))


def read_pairs(path: Path) -> pd.DataFrame:
    """`영어 TAB 한국어 TAB 출처` 줄들을 읽는다. 칸 수가 틀린 줄이 있으면 그 줄 번호를 알려 준다."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != len(PAIR_COLUMNS):
            raise ValueError(
                f"{path}의 {number}번째 줄은 탭으로 나눈 칸이 {len(fields)}개입니다. "
                f"'영어<TAB>한국어<TAB>출처' 세 칸이어야 합니다. "
                f"({path} line {number} has {len(fields)} tab-separated fields; expected english, korean, attribution.)"
            )
        rows.append(fields)
    return pd.DataFrame(rows, columns=list(PAIR_COLUMNS))
