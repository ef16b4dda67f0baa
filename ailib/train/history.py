"""학습 기록(History): 에폭마다 손실과 지표를 모아 두고 스스로 그림을 그린다."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class History:
    """에폭별 기록의 목록. `history["val_loss"]`는 그 값의 에폭별 리스트다."""

    def __init__(self, records: Iterable[Mapping[str, float]] = ()) -> None:
        self.records: list[dict[str, float]] = [dict(r) for r in records]

    def append(self, record: Mapping[str, float]) -> None:
        self.records.append(dict(record))

    def __len__(self) -> int:
        return len(self.records)

    @property
    def keys(self) -> list[str]:
        """기록된 항목 이름들(처음 나온 순서)."""
        names: dict[str, None] = {}
        for record in self.records:
            names.update(dict.fromkeys(record))
        return list(names)

    def __getitem__(self, key: str) -> list[float]:
        if key not in self.keys:
            raise KeyError(
                f"기록에 {key!r} 항목이 없습니다. 있는 항목: {', '.join(self.keys) or '(없음)'} "
                f"(History has no {key!r}.)"
            )
        return [record[key] for record in self.records if key in record]

    def last(self) -> dict[str, float]:
        """마지막 에폭의 기록."""
        if not self.records:
            raise IndexError("아직 기록이 없습니다. 먼저 fit()을 실행하세요. (History is empty; run fit() first.)")
        return dict(self.records[-1])

    def to_frame(self) -> pd.DataFrame:
        """에폭을 인덱스로 하는 표."""
        return pd.DataFrame(self.records).set_index("epoch")

    def plot(self, title: str | None = None) -> Figure:
        """손실과 지표의 학습 곡선을 그린다 (`ailib.train.curves.plot_history`).

        그림 모듈은 여기서 가져온다: `import ailib`만으로 matplotlib을 불러오지 않도록.
        """
        from ailib.train.curves import plot_history

        return plot_history(self, title=title)
