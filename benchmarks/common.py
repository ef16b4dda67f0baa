"""Shared helpers for the benchmark scripts: machine description, interleaved timing, CIFAR-format data.

The scripts are run on demand (`python benchmarks/<name>.py`), never as timed tests. They add the repository
root to `sys.path` so that they use this checkout's `ailib` even where it is not installed.
"""
from __future__ import annotations

import datetime
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo (or platform.processor() elsewhere)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_info() -> str:
    """One block of text: date, CPU, core count, torch/torchvision versions, torch threads and the GPU."""
    import torchvision

    from ailib.runtime import available_cpus

    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none"
    return "\n".join([
        f"date: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"cpu: {cpu_model()}  nproc: {os.cpu_count()}  usable by this process: {available_cpus()}",
        f"load average (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
        f"python {platform.python_version()}  torch {torch.__version__}  torchvision {torchvision.__version__}  "
        f"torch threads {torch.get_num_threads()}",
        f"gpu: {gpu}",
    ])


def interleaved(candidates: dict[str, Callable[[], object]], repeats: int) -> dict[str, list[float]]:
    """Time every candidate once per round, `repeats` rounds; the order alternates between rounds.

    On a shared, noisy machine the load drifts; running the candidates side by side in alternating order
    lets paired ratios (see `paired_ratio`) cancel most of that drift.
    """
    names = list(candidates)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for round_index in range(repeats):
        for name in names if round_index % 2 == 0 else reversed(names):
            start = time.perf_counter()
            candidates[name]()
            seconds[name].append(time.perf_counter() - start)
    return seconds


def paired_ratio(seconds: dict[str, list[float]], numerator: str, denominator: str) -> float:
    """Median over rounds of time(numerator) / time(denominator) measured in the same round."""
    return statistics.median(a / b for a, b in zip(seconds[numerator], seconds[denominator]))


def describe(seconds: list[float]) -> str:
    """'median 1.234 s (min 1.200, max 1.300, n=5)'."""
    return (f"median {statistics.median(seconds):.3f} s (min {min(seconds):.3f}, max {max(seconds):.3f}, "
            f"n={len(seconds)})")


def cifar_arrays(count: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Random images in the in-memory format of torchvision.datasets.CIFAR10: uint8 (N, 32, 32, 3), labels 0..9."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (count, 32, 32, 3), dtype=np.uint8), rng.integers(0, 10, count, dtype=np.int64)


def mnist_arrays(count: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Random images in the in-memory format of torchvision.datasets.MNIST: uint8 (N, 28, 28), labels 0..9."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (count, 28, 28), dtype=np.uint8), rng.integers(0, 10, count, dtype=np.int64)


class PerImageDataset(torch.utils.data.Dataset):
    """One PIL image per item: exactly what `torchvision.datasets.CIFAR10/MNIST.__getitem__` do.

    (The real classes cannot be used without the real files: CIFAR10 checks their MD5 sums.)
    """

    def __init__(self, images: np.ndarray, labels: np.ndarray, transform: Callable | None = None) -> None:
        self.images, self.labels, self.transform = images, labels, transform

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, index: int):
        from PIL import Image

        image = Image.fromarray(self.images[index])
        if self.transform is not None:
            image = self.transform(image)
        return image, int(self.labels[index])


def per_image_transform(mean: torch.Tensor, std: torch.Tensor, crop_size: int | None = 32):
    """The usual torchvision pipeline on one PIL image: [RandomCrop(crop_size, padding=4) → RandomHorizontalFlip]
    → ToTensor → Normalize. `crop_size=None` leaves out the augmentation (as for MNIST)."""
    from torchvision import transforms

    steps = [transforms.RandomCrop(crop_size, padding=4), transforms.RandomHorizontalFlip()] if crop_size else []
    return transforms.Compose([*steps, transforms.ToTensor(), transforms.Normalize(mean.tolist(), std.tolist())])


def batched_transform(mean: torch.Tensor, std: torch.Tensor, augment: bool = True):
    """The same pipeline as `per_image_transform`, applied by ailib.vision.augment to whole (N, C, H, W) uint8 batches."""
    from ailib.vision.augment import Compose, Normalize, RandomCrop, RandomHorizontalFlip, to_float

    steps = [RandomCrop(padding=4), RandomHorizontalFlip()] if augment else []
    return Compose([*steps, to_float, Normalize(mean, std)])


def nchw(images: np.ndarray) -> torch.Tensor:
    """uint8 (N, H, W) or (N, H, W, C) array → uint8 (N, C, H, W) tensor (what TensorBatches keeps on the device)."""
    tensor = torch.from_numpy(images)
    return tensor.unsqueeze(1) if tensor.ndim == 3 else tensor.permute(0, 3, 1, 2).contiguous()
