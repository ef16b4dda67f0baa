"""학습 진행 표시: 사람이 노트북을 돌릴 때는 tqdm 막대, 책을 빌드할 때는 에폭마다 한 줄."""
from __future__ import annotations

import time
from collections.abc import Mapping

from ailib.runtime import in_book_build


def format_metrics(metrics: Mapping[str, float]) -> str:
    """{'train_loss': 0.41} → 'train_loss 0.4100'."""
    return "  ".join(f"{name} {value:.4f}" for name, value in metrics.items())


class EpochProgress:
    """에폭 단위 진행 표시. `with EpochProgress(epochs) as progress: progress.update(...)`."""

    def __init__(self, epochs: int, enabled: bool = True) -> None:
        self.epochs = epochs
        self.enabled = enabled
        self._bar = None
        self._started = 0.0

    def __enter__(self) -> "EpochProgress":
        self._started = time.perf_counter()
        if self.enabled and not in_book_build():
            from tqdm.auto import tqdm

            self._bar = tqdm(total=self.epochs, desc="학습(epoch)", unit="epoch")
        return self

    def update(self, epoch: int, metrics: Mapping[str, float]) -> None:
        """에폭 하나가 끝났음을 알린다."""
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.set_postfix({k: f"{v:.4f}" for k, v in metrics.items()})
            self._bar.update(1)
            return
        elapsed = time.perf_counter() - self._started
        print(f"에폭 {epoch:>{len(str(self.epochs))}}/{self.epochs}  {format_metrics(metrics)}  "
              f"({elapsed:.1f}초 경과)", flush=True)

    def __exit__(self, *exc_info: object) -> None:
        if self._bar is not None:
            self._bar.close()
