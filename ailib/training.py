"""Trainer: 에폭 반복, 순전파 → 손실 → 역전파 → 가중치 갱신, 그리고 평가와 체크포인트."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from pathlib import Path

import torch
from torch import nn

from ailib.history import History
from ailib.progress import EpochProgress
from ailib.runtime import device as best_device
from ailib.runtime import limit_cpu_threads

Batch = tuple[torch.Tensor, torch.Tensor]
Metric = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]


class Trainer:
    """모델·손실 함수·최적화기를 묶어 학습(fit)과 평가(evaluate)를 한다.

    손실 함수는 배치 평균을 돌려준다고 가정한다. `metric`은 배치 평균 지표(예: `accuracy`).
    `channels_last=True`면 모델과 4차원 입력을 채널 마지막(NHWC) 메모리 배치로 둔다: GPU에서 합성곱
    모델이 빨라진다 (모델 안에서 `.view`로 특징 맵을 펼친다면 `torch.flatten`으로 바꿔야 한다).
    """

    def __init__(self, model: nn.Module, loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
                 optimizer: torch.optim.Optimizer, *, metric: Metric | None = None, metric_name: str = "acc",
                 scheduler: torch.optim.lr_scheduler.LRScheduler | None = None,
                 clip_grad_norm: float | None = None, device: torch.device | str | None = None,
                 amp: bool = True, channels_last: bool = False) -> None:
        self.device = torch.device(device) if device is not None else best_device()
        self.channels_last = channels_last
        self.model = model.to(self.device)
        if channels_last:
            self.model.to(memory_format=torch.channels_last)
        if self.device.type == "cpu":
            limit_cpu_threads()
        self.loss_fn, self.optimizer, self.scheduler = loss_fn, optimizer, scheduler
        self.metric, self.metric_name = metric, metric_name
        self.clip_grad_norm = clip_grad_norm
        self.amp_dtype = _amp_dtype(self.device) if amp else None
        self.scaler = torch.amp.GradScaler("cuda", enabled=self.amp_dtype == torch.float16)
        self.history = History()

    def fit(self, train_data: Iterable[Batch], epochs: int, val_data: Iterable[Batch] | None = None,
            verbose: bool = True) -> History:
        """`epochs`번 학습하고, 에폭마다 학습·검증 손실과 지표를 기록한다."""
        if epochs < 1:
            raise ValueError(f"epochs는 1 이상이어야 합니다: {epochs} (epochs must be at least 1)")
        with EpochProgress(epochs, enabled=verbose) as progress:
            for step in range(1, epochs + 1):
                record = {"epoch": len(self.history) + 1, **self._run_epoch(train_data, "train")}
                if val_data is not None:
                    record.update(self._run_epoch(val_data, "val"))
                record["lr"] = self.optimizer.param_groups[0]["lr"]
                self._schedule(record)
                self.history.append(record)
                progress.update(step, {k: v for k, v in record.items() if k not in ("epoch", "lr")})
        return self.history

    def evaluate(self, data: Iterable[Batch]) -> dict[str, float]:
        """가중치를 바꾸지 않고 데이터 전체의 평균 손실과 지표를 잰다."""
        return {k.removeprefix("test_"): v for k, v in self._run_epoch(data, "test").items()}

    @torch.no_grad()
    def predict(self, inputs: torch.Tensor, batch_size: int = 1024) -> torch.Tensor:
        """입력 텐서 전체에 대한 모델 출력(CPU 텐서)."""
        self.model.eval()
        outputs = [self.model(self._to_device(part)).float().cpu() for part in inputs.split(batch_size)]
        return torch.cat(outputs)

    def _run_epoch(self, data: Iterable[Batch], phase: str) -> dict[str, float]:
        training = phase == "train"
        self.model.train(training)
        losses, scores, sizes = [], [], []  # 배치마다의 값은 장치에 모아 두고, 에폭 끝에 한 번만 읽는다
        with torch.set_grad_enabled(training):
            for inputs, targets in data:
                inputs, targets = self._to_device(inputs), self._to_device(targets)
                with self._autocast():
                    outputs = self.model(inputs)
                    loss = self.loss_fn(outputs, targets)
                if training:
                    self._step(loss)
                losses.append(loss.detach())
                if self.metric is not None:
                    scores.append(self.metric(outputs.detach().float(), targets))
                sizes.append(len(targets))
        if not sizes:
            raise ValueError(f"{phase} 데이터에 배치가 하나도 없습니다. (The {phase} data yielded no batches.)")
        result = {f"{phase}_loss": weighted_mean(losses, sizes)}
        if self.metric is not None:
            result[f"{phase}_{self.metric_name}"] = weighted_mean(scores, sizes)
        return result

    def _to_device(self, tensor: torch.Tensor) -> torch.Tensor:
        # CPU → GPU 복사는 기다리지 않고 큐에 넣는다 (GPU → CPU는 기다려야 값이 맞는다)
        tensor = tensor.to(self.device, non_blocking=self.device.type == "cuda")
        if self.channels_last and tensor.ndim == 4:
            tensor = tensor.contiguous(memory_format=torch.channels_last)
        return tensor

    def _step(self, loss: torch.Tensor) -> None:
        self.optimizer.zero_grad(set_to_none=True)
        self.scaler.scale(loss).backward()
        if self.clip_grad_norm is not None:
            self.scaler.unscale_(self.optimizer)
            nn.utils.clip_grad_norm_(self.model.parameters(), self.clip_grad_norm)
        self.scaler.step(self.optimizer)
        self.scaler.update()

    def _schedule(self, record: dict[str, float]) -> None:
        if isinstance(self.scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
            self.scheduler.step(record.get("val_loss", record["train_loss"]))
        elif self.scheduler is not None:
            self.scheduler.step()

    def _autocast(self):
        if self.amp_dtype is None:
            return nullcontext()
        return torch.autocast(device_type=self.device.type, dtype=self.amp_dtype)

    def save_checkpoint(self, path: str | os.PathLike) -> Path:
        """모델·최적화기·스케줄러·기록을 한 파일에 저장한다 (중간에 끊겨도 반쪽 파일이 남지 않게)."""
        state = {"model": self.model.state_dict(), "optimizer": self.optimizer.state_dict(),
                 "history": self.history.records}
        if self.scheduler is not None:
            state["scheduler"] = self.scheduler.state_dict()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                torch.save(state, f)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path

    def load_checkpoint(self, path: str | os.PathLike) -> None:
        """`save_checkpoint`로 저장한 상태를 되살린다 (`weights_only=True`로 안전하게 읽는다)."""
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(
                f"체크포인트 파일이 없습니다: {path}. 경로를 확인하거나 먼저 save_checkpoint()로 저장하세요. "
                f"(Checkpoint not found: {path}.)"
            )
        state = torch.load(path, map_location=self.device, weights_only=True)
        self.model.load_state_dict(state["model"])
        self.optimizer.load_state_dict(state["optimizer"])
        if self.scheduler is not None and "scheduler" in state:
            self.scheduler.load_state_dict(state["scheduler"])
        self.history = History(state["history"])


def weighted_mean(batch_means: list[torch.Tensor], sizes: list[int]) -> float:
    """배치 평균들을 배치 크기로 가중 평균한다 (= 샘플 전체의 평균). 장치에서 CPU로는 한 번만 옮긴다."""
    weights = torch.tensor(sizes, dtype=torch.float64)
    return float(torch.stack(batch_means).double().cpu().flatten() @ weights / weights.sum())


def _amp_dtype(device: torch.device) -> torch.dtype | None:
    """CUDA에서만 혼합 정밀도(AMP)를 쓴다: bf16을 지원하면 bf16, 아니면 fp16."""
    if device.type != "cuda":
        return None
    return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
