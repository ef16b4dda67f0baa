"""넷플릭스(NFLX) 일별 주가: 실제 파일과 오프라인 대체 데이터(씨앗을 고정한 기하 무작위 보행).

실제 데이터는 2018-01-02 … 2022-12-30의 1,259 거래일 표(Yahoo 배치: Date,Open,High,Low,Close,Adj Close,
Volume)로, 공개 저장소의 한 커밋에 고정된 파일을 SHA-256으로 확인해 받는다. 교재 원본 데이터처럼 열 순서가
다른 CSV(Date,Open,High,Low,Volume,Close)도 `load_netflix(path=...)`로 같은 모양으로 읽는다.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ailib.data.download import RemoteFile, fetch
from ailib.data.offline import real_or_standin

PRICE_COLUMNS = ("Date", "Open", "High", "Low", "Close", "Volume")
NFLX_CSV = RemoteFile(
    "netflix/NFLX_2018_2022.csv",
    "https://raw.githubusercontent.com/Momad-Y/NFLX-Stock-Price-Prediction/"
    "7c973771b2870cb08c5c10b5542c9c8c3d6c5d5e/NFLX.csv",
    "f23fad89a61e912634efd4d32c20ea3fd839af174db5e000e7e60f25d1e88215",
)


def load_netflix(path: str | Path | None = None) -> pd.DataFrame:
    """NFLX 일별 주가 (열 PRICE_COLUMNS, Date는 datetime64, 날짜순). path를 주면 그 CSV를 읽는다."""
    if path is not None:
        return read_price_csv(Path(path))
    return real_or_standin("netflix", lambda: read_price_csv(fetch(NFLX_CSV)), random_walk_prices,
                           label="넷플릭스 주가", standin_name="씨앗을 고정한 기하 무작위 보행으로 만든 가짜 주가")


def read_price_csv(path: Path) -> pd.DataFrame:
    """Date, Open, High, Low, Close, Volume 열이 있는 CSV(순서·추가 열 무관)를 같은 모양의 표로 읽는다."""
    table = pd.read_csv(path)
    missing = [name for name in PRICE_COLUMNS if name not in table.columns]
    if missing:
        raise ValueError(
            f"{path}에 {', '.join(missing)} 열이 없습니다. 필요한 열: {', '.join(PRICE_COLUMNS)} (순서는 상관없음). "
            f"({path} lacks the columns {', '.join(missing)}; expected {', '.join(PRICE_COLUMNS)} in any order.)"
        )
    table = table[list(PRICE_COLUMNS)].copy()
    table["Date"] = pd.to_datetime(table["Date"])
    table[list(PRICE_COLUMNS[1:5])] = table[list(PRICE_COLUMNS[1:5])].astype("float64")
    table["Volume"] = table["Volume"].astype("int64")
    return table.sort_values("Date").reset_index(drop=True)


def random_walk_prices(days: int = 1258, seed: int = 0) -> pd.DataFrame:
    """2018-01-02부터 영업일 days개의 가짜 주가. 일별 로그 수익률 ~ N(0.0005, 0.025²)."""
    rng = np.random.default_rng(seed)
    close = 200.0 * np.exp(np.cumsum(rng.normal(0.0005, 0.025, days)))
    open_ = np.concatenate([[200.0], close[:-1]]) * np.exp(rng.normal(0.0, 0.01, days))
    spread = np.abs(rng.normal(0.0, 0.015, (2, days)))
    return pd.DataFrame({
        "Date": pd.bdate_range("2018-01-02", periods=days),
        "Open": open_,
        "High": np.maximum(open_, close) * (1 + spread[0]),
        "Low": np.minimum(open_, close) * (1 - spread[1]),
        "Close": close,
        "Volume": rng.lognormal(np.log(8e6), 0.4, days).astype("int64"),
    })
