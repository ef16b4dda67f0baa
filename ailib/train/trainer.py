"""Trainer: 에폭 반복, 순전파 → 손실 → 역전파 → 가중치 갱신, 그리고 평가와 체크포인트."""
from __future__ import annotations

import copy
import math
import os
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from numbers import Integral
from pathlib import Path

import torch
from torch import nn

from ailib.files import atomic_write
from ailib.train.history import History
from ailib.train.progress import EpochProgress
from ailib.runtime import device as best_device
from ailib.runtime import limit_cpu_threads

Batch = tuple[torch.Tensor, torch.Tensor]
Metric = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]
ACCELERATOR_CHECK_EVERY = 16  # GPU 등에서는 손실이 유한한지 이만큼의 배치마다 한 번 읽는다 (_check_interval)


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
        """`epochs`번 학습하고, 에폭마다 학습·검증 손실과 지표를 기록한다.

        손실이 NaN이나 무한대가 되면 그 에폭과 배치를 알려 주며 멈춘다(FloatingPointError). CPU에서는 그
        배치로 가중치를 바꾸기 전에 멈추고, GPU에서는 늦어도 ACCELERATOR_CHECK_EVERY 배치 안에 멈춘다.
        """
        if not isinstance(epochs, Integral) or isinstance(epochs, bool):
            raise TypeError(
                f"epochs는 정수여야 합니다: {epochs!r} ({type(epochs).__name__}). "
                f"(epochs must be an integer, got {epochs!r} of type {type(epochs).__name__}.)"
            )
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
        """가중치를 바꾸지 않고 데이터 전체의 평균 손실과 지표를 잰다.

        손실이 NaN이나 무한대인 배치가 있으면 그 배치를 알려 주는 FloatingPointError를 낸다.
        """
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
        losses, scores, sizes = [], [], []  # 배치마다의 값은 장치에 모아 두고 에폭 끝에 읽는다 (_check_interval)
        check_every = self._check_interval()
        with torch.set_grad_enabled(training):
            for inputs, targets in data:
                inputs, targets = self._to_device(inputs), self._to_device(targets)
                with self._autocast():
                    outputs = self.model(inputs)
                    loss = self.loss_fn(outputs, targets)
                losses.append(loss.detach())
                if training:
                    if len(losses) % check_every == 0:
                        self._check_finite(phase, losses, check_every)   # 이 배치로 가중치를 바꾸기 전에
                    self._step(loss)
                if self.metric is not None:
                    scores.append(self.metric(outputs.detach().float(), targets))
                sizes.append(len(targets))
        if not sizes:
            raise ValueError(f"{phase} 데이터에 배치가 하나도 없습니다. (The {phase} data yielded no batches.)")
        result = {f"{phase}_loss": weighted_mean(losses, sizes)}
        if not math.isfinite(result[f"{phase}_loss"]):
            self._stop_on_nonfinite(phase, losses)
        if self.metric is not None:
            result[f"{phase}_{self.metric_name}"] = weighted_mean(scores, sizes)
        return result

    def _check_interval(self) -> int:
        """학습 중 손실이 유한한지 몇 배치마다 확인하나.

        CPU에서는 값을 읽어도 기다릴 것이 없으므로(`.item()` 하나, 0.5 μs) 배치마다, 그 배치로 가중치를 바꾸기
        전에 확인한다: 멈춘 뒤의 가중치는 마지막 정상 배치까지의 것이다. GPU에서 값을 읽으면 CPU가 그 배치의
        계산이 끝날 때까지 기다려 다음 배치를 미리 넣어 두지 못하므로(작은 모델일수록 손해가 크다; 시험 기계에
        GPU가 없어 재지는 못했다), ACCELERATOR_CHECK_EVERY 배치마다 한 번만 읽는다. 그사이 나쁜 배치가 있으면
        그 배치 번호를 알리며 멈추되, 그 배치부터 최대 ACCELERATOR_CHECK_EVERY − 1개의 배치가 이미 가중치를
        바꾸었다. 나머지 배치와 검증·평가는 에폭 끝의 한 번 읽기로 확인한다.
        """
        return 1 if self.device.type == "cpu" else ACCELERATOR_CHECK_EVERY

    def _check_finite(self, phase: str, losses: list[torch.Tensor], recent: int) -> None:
        """마지막 recent개 배치의 손실이 모두 유한한가 (값을 한 번 읽는다). 아니면 멈춘다."""
        if recent == 1:  # CPU: 한 값만 읽는다 (0.5 μs; isfinite·stack 연산을 거치면 배치당 30 μs쯤 더 든다)
            finite = math.isfinite(losses[-1].item())
        else:
            finite = bool(torch.isfinite(torch.stack(losses[-recent:])).all())
        if not finite:
            self._stop_on_nonfinite(phase, losses)

    def _stop_on_nonfinite(self, phase: str, losses: list[torch.Tensor]) -> None:
        """손실이 처음 NaN/무한대가 된 배치를 찾아 알려 주며 멈춘다 (기록은 남기지 않는다)."""
        values = torch.stack(losses).float().cpu().flatten()
        batch = int((~torch.isfinite(values)).nonzero()[0]) + 1
        value = values[batch - 1].item()
        if phase == "test":
            raise FloatingPointError(
                f"평가 데이터의 {batch}번째 배치에서 손실이 {value}입니다. 입력에 NaN이나 무한대가 없는지, "
                f"모델의 가중치가 유한한지 확인하세요. (The evaluation loss is {value} at batch {batch}; "
                f"check the inputs for NaN/inf and the model weights.)"
            )
        epoch = len(self.history) + 1
        raise FloatingPointError(
            f"에폭 {epoch}의 {batch}번째 배치({phase})에서 손실이 {value}이(가) 되어 멈춥니다. "
            f"학습률을 낮추거나, Trainer(..., clip_grad_norm=1.0)으로 기울기를 잘라 보거나, 입력에 NaN이 없는지 "
            f"확인하세요. (The {phase} loss became {value} at epoch {epoch}, batch {batch}; "
            f"training stopped. Try a lower learning rate, gradient clipping (clip_grad_norm=1.0), "
            f"or check the inputs for NaN.)"
        )

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
        with atomic_write(path) as stream:  # 권한은 umask를 따르고, 죽은 프로세스가 남긴 임시 파일은 치운다
            torch.save(state, stream)
        return path

    def load_checkpoint(self, path: str | os.PathLike) -> None:
        """`save_checkpoint`로 저장한 상태를 되살린다 (`weights_only=True`로 안전하게 읽는다).

        먼저 파일과 모양을 모두 확인하고, 하나라도 맞지 않으면 아무것도 바꾸지 않은 채 ValueError를 낸다.
        """
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(
                f"체크포인트 파일이 없습니다: {path}. 경로를 확인하거나 먼저 save_checkpoint()로 저장하세요. "
                f"(Checkpoint not found: {path}.)"
            )
        state = _read_checkpoint(path, self.device)
        self._check_model_state(path, state["model"])
        history = _checked_history(path, state["history"])
        saved = (copy.deepcopy(self.model.state_dict()), copy.deepcopy(self.optimizer.state_dict()),
                 copy.deepcopy(self.scheduler.state_dict()) if self.scheduler is not None else None)
        try:
            self.model.load_state_dict(state["model"])
            self.optimizer.load_state_dict(state["optimizer"])
            if self.scheduler is not None and "scheduler" in state:
                self.scheduler.load_state_dict(state["scheduler"])
        except (RuntimeError, ValueError, KeyError, TypeError) as error:  # 되돌린 뒤 알린다: 전부 아니면 전무
            self.model.load_state_dict(saved[0])
            self.optimizer.load_state_dict(saved[1])
            if saved[2] is not None:
                self.scheduler.load_state_dict(saved[2])
            raise ValueError(
                f"{path}의 최적화기/스케줄러 상태가 이 Trainer와 맞지 않아 아무것도 되살리지 않았습니다: {error}. "
                f"같은 종류의 최적화기와 스케줄러로 만든 Trainer에서 불러오세요. "
                f"(The optimizer/scheduler state in {path} does not fit this Trainer; nothing was restored.)"
            ) from error
        self.history = history

    def _check_model_state(self, path: Path, weights: dict) -> None:
        """체크포인트의 가중치 이름과 모양이 이 모델과 같은지 확인한다."""
        own = self.model.state_dict()
        missing = sorted(set(own) - set(weights))
        unexpected = sorted(set(weights) - set(own))
        reshaped = sorted(name for name in set(own) & set(weights)
                          if not isinstance(weights[name], torch.Tensor) or weights[name].shape != own[name].shape)
        if missing or unexpected or reshaped:
            details = "; ".join(f"{label}: {', '.join(names[:5])}{' …' if len(names) > 5 else ''}"
                                for label, names in (("없는 가중치(missing)", missing),
                                                     ("모르는 가중치(unexpected)", unexpected),
                                                     ("모양이 다른 가중치(shape mismatch)", reshaped)) if names)
            raise ValueError(
                f"{path}은(는) 다른 모델의 체크포인트라 아무것도 되살리지 않았습니다 — {details}. "
                f"같은 구조의 모델로 만든 Trainer에서 불러오세요. "
                f"(The checkpoint {path} belongs to a different model; nothing was restored.)"
            )


_CHECKPOINT_KEYS = ("model", "optimizer", "history")


def _read_checkpoint(path: Path, device: torch.device) -> dict:
    """파일을 읽고 save_checkpoint가 만든 모양인지 확인한다. 아니면 무엇인지 알려 주는 ValueError."""
    try:
        state = torch.load(path, map_location=device, weights_only=True)
    except OSError:
        raise  # 권한 등: 그대로 알린다
    except Exception as error:  # noqa: BLE001 (깨진 파일에서 torch.load는 EOFError, KeyError, UnpicklingError 등 여러 가지를 낸다)
        raise ValueError(
            f"{path}은(는) 체크포인트로 읽을 수 없는 파일입니다(비었거나, 잘렸거나, torch.save로 만든 파일이 "
            f"아니거나, 허용하지 않는 객체가 들어 있습니다). Trainer.save_checkpoint()로 다시 저장하세요. "
            f"({path} is not a readable checkpoint: empty, truncated, not written by torch.save, or holding "
            f"objects that are not allowed. Save it again with Trainer.save_checkpoint().)"
        ) from error
    if isinstance(state, dict) and state and all(isinstance(v, torch.Tensor) for v in state.values()):
        raise ValueError(
            f"{path}에는 모델의 state_dict만 들어 있습니다(최적화기·기록 없음). 가중치만 되살리려면 "
            f"trainer.model.load_state_dict(torch.load(path, weights_only=True))를 쓰세요. "
            f"({path} holds a plain model state_dict, not a Trainer checkpoint; load it with "
            f"model.load_state_dict(torch.load(path, weights_only=True)).)"
        )
    missing = [key for key in _CHECKPOINT_KEYS if not isinstance(state, dict) or key not in state
               or not isinstance(state[key], dict if key != "history" else list)]
    if isinstance(state, dict) and not isinstance(state.get("scheduler", {}), dict):
        missing.append("scheduler")
    if missing:
        raise ValueError(
            f"{path}은(는) Trainer 체크포인트가 아닙니다: {', '.join(missing)} 항목이 없거나 모양이 틀렸습니다. "
            f"({path} is not a Trainer checkpoint: {', '.join(missing)} missing or malformed.)"
        )
    return state


def _checked_history(path: Path, records: list) -> History:
    """체크포인트의 기록이 save_checkpoint가 쓴 모양(에폭마다 {'epoch': 정수, 이름: 숫자, …})인지 확인한다."""
    bad = next((i for i, record in enumerate(records) if not _is_record(record)), None)
    if bad is not None:
        raise ValueError(
            f"{path}의 기록(history) {bad + 1}번째 항목 {records[bad]!r}이(가) 에폭 기록이 아니라 아무것도 "
            f"되살리지 않았습니다. Trainer.save_checkpoint()로 저장한 파일을 쓰세요. (Entry {bad + 1} of the "
            f"history in {path} is not an epoch record: {records[bad]!r}; nothing was restored.)"
        )
    return History(records)


def _is_record(record: object) -> bool:
    return (isinstance(record, dict) and isinstance(record.get("epoch"), int)
            and all(isinstance(key, str) and isinstance(value, (int, float)) and not isinstance(value, bool)
                    for key, value in record.items()))


def weighted_mean(batch_means: list[torch.Tensor], sizes: list[int]) -> float:
    """배치 평균들을 배치 크기로 가중 평균한다 (= 샘플 전체의 평균). 장치에서 CPU로는 한 번만 옮긴다."""
    weights = torch.tensor(sizes, dtype=torch.float64)
    return float(torch.stack(batch_means).double().cpu().flatten() @ weights / weights.sum())


def _amp_dtype(device: torch.device) -> torch.dtype | None:
    """CUDA에서만 혼합 정밀도(AMP)를 쓴다: bf16을 지원하면 bf16, 아니면 fp16."""
    if device.type != "cuda":
        return None
    return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
