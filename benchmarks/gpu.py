"""Benchmark 4 (GPU): images per second and time per epoch, with and without the fast path, in one run.

    python benchmarks/gpu.py            # on a CUDA machine, about 2-4 minutes on an H100/H200
    python benchmarks/gpu.py --smoke    # tiny sizes; also runs on a CPU (checks the script, measures nothing)

Needs only torch, torchvision, numpy, Pillow and this repository, no network (without pandas, an empty
stand-in module satisfies ailib.train.history's import). The data are random CIFAR-shaped images (uint8 32×32×3,
10 classes): throughput does not depend on the pixel values. Writes the results to $OUT/gpu_results.txt
when OUT is set (and to --output when given).

For each model, the same `ailib.Trainer` trains one epoch in each configuration, from the same initial
weights; a short warm-up epoch on a subset comes first (cuDNN kernels, allocator), then the timed epoch over
all images. The ladder goes from the slow path to the fast path one step at a time:

  A  DataLoader + per-image PIL transforms (RandomCrop, flip, ToTensor, Normalize), fp32   <- slow path
  B  whole tensor on the GPU + batched augmentation (ailib.train.batches + ailib.vision.augment), fp32
  C  B + bf16 autocast (Trainer(amp=True))
  D  C + channels_last (Trainer(channels_last=True))                                      <- fast path
  E  D + torch.backends.cudnn.benchmark=True (ailib.seed_everything turns it off for reproducibility)

For the CIFAR CNN it also counts the calls that make the host wait for the GPU during one fast-path epoch
(torch.cuda.set_sync_debug_mode), by source line: a call once per batch shows up as a count near the batches.

Models: the book's CIFAR CNN (ailib.models.cnn.CifarCNN) and, labelled as such, torchvision's resnet18 with a
CIFAR stem (3×3 stride-1 first convolution, no max-pool) — ailib has no ResNet yet.
"""
from __future__ import annotations

import argparse
import copy
import importlib.machinery
import os
import sys
import time
import types
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import torch
from torch import nn
from torch.utils.data import DataLoader

from common import ROOT, PerImageDataset, batched_transform, cifar_arrays, machine_info, nchw, per_image_transform

try:
    import pandas  # noqa: F401  (ailib.train.history imports it; a bare GPU machine may not have it)
except ImportError:
    sys.modules["pandas"] = types.ModuleType("pandas")  # this script never builds a DataFrame
    sys.modules["pandas"].__spec__ = importlib.machinery.ModuleSpec("pandas", None)  # torch._dynamo looks

import ailib  # noqa: E402  (common puts the repository root on sys.path)
from ailib.vision.augment import channel_mean_std
from ailib.train.batches import TensorBatches
from ailib.models.cnn import CifarCNN


def cifar_resnet18() -> nn.Module:
    """torchvision resnet18 adapted to 32×32 inputs (not an ailib model)."""
    from torchvision.models import resnet18

    model = resnet18(num_classes=10)
    model.conv1 = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
    model.maxpool = nn.Identity()
    return model


MODELS: dict[str, Callable[[], nn.Module]] = {
    "CIFAR CNN (ailib.models.cnn.CifarCNN)": CifarCNN,
    "resnet18, CIFAR stem (torchvision, not ailib)": cifar_resnet18,
}
VARIANTS = {  # name: (whole tensor on the device, amp, channels_last, cudnn.benchmark)
    "A DataLoader+PIL, fp32": (False, False, False, False),
    "B whole-tensor, fp32": (True, False, False, False),
    "C B + bf16 autocast": (True, True, False, False),
    "D C + channels_last": (True, True, True, False),
    "E D + cudnn.benchmark": (True, True, True, True),
}


class Data:
    """The same random CIFAR-shaped images, served both ways."""

    def __init__(self, count: int, device: torch.device, batch_size: int, workers: int) -> None:
        self.images, self.labels = cifar_arrays(count)
        self.mean, self.std = channel_mean_std(nchw(self.images))
        self.device, self.batch_size, self.workers = device, batch_size, workers

    def loader(self, count: int, whole_tensor: bool):
        images, labels = self.images[:count], self.labels[:count]
        if whole_tensor:
            return TensorBatches(nchw(images), torch.from_numpy(labels), self.batch_size, shuffle=True,
                                 transform=batched_transform(self.mean, self.std), device=self.device)
        dataset = PerImageDataset(images, labels, per_image_transform(self.mean, self.std))
        return DataLoader(dataset, self.batch_size, shuffle=True, num_workers=self.workers,
                          pin_memory=self.device.type == "cuda")


def make_trainer(make_model: Callable[[], nn.Module], initial: dict, device: torch.device,
                 variant: tuple) -> ailib.Trainer:
    whole_tensor, amp, channels_last, cudnn_benchmark = variant
    ailib.seed_everything(0)
    torch.backends.cudnn.benchmark = cudnn_benchmark
    torch.backends.cudnn.deterministic = not cudnn_benchmark
    model = make_model()
    model.load_state_dict(initial)
    return ailib.Trainer(model, nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9),
                         metric=ailib.accuracy, device=device, amp=amp, channels_last=channels_last)


def run_variant(make_model: Callable[[], nn.Module], initial: dict, data: Data, variant: tuple,
                warmup_images: int) -> float:
    """Seconds for one timed epoch over all images (after a warm-up epoch on a subset)."""
    trainer = make_trainer(make_model, initial, data.device, variant)
    whole_tensor = variant[0]
    trainer.fit(data.loader(warmup_images, whole_tensor), epochs=1, verbose=False)
    epoch = data.loader(len(data.images), whole_tensor)
    if data.device.type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    trainer.fit(epoch, epochs=1, verbose=False)  # ends with one read of the epoch's loss: synchronised
    return time.perf_counter() - start


def host_syncs(make_model: Callable[[], nn.Module], initial: dict, data: Data, batches: int = 8) -> str:
    """CUDA only: the calls that make the host wait for the GPU during one fast-path (D) epoch, by source line.

    The reads of the epoch's loss and accuracy at its end (two) are expected; a call once per batch makes the
    host wait for the GPU's queue to drain every batch.
    """
    trainer = make_trainer(make_model, initial, data.device, VARIANTS["D C + channels_last"])
    loader = data.loader(batches * data.batch_size, whole_tensor=True)
    trainer.fit(loader, epochs=1, verbose=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        torch.cuda.set_sync_debug_mode("warn")
        try:
            trainer.fit(loader, epochs=1, verbose=False)
        finally:
            torch.cuda.set_sync_debug_mode("default")
    sites = Counter(f"{os.path.relpath(w.filename, ROOT)}:{w.lineno}" for w in caught
                    if "synchroniz" in str(w.message))
    listed = ", ".join(f"{site} x{count}" for site, count in sites.most_common())
    return f"host syncs in one fast-path epoch of {len(loader)} batches: {sum(sites.values())} ({listed or 'none'})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes (runs on a CPU too; measures nothing)")
    parser.add_argument("--images", type=int, default=None, help="images per epoch (default 50000, smoke 16)")
    parser.add_argument("--batch-size", type=int, default=None, help="default 128 (smoke 8)")
    parser.add_argument("--workers", type=int, default=None, help="DataLoader workers for A (default 4, smoke 0)")
    parser.add_argument("--output", type=Path, default=None, help="also write the results here")
    parser.add_argument("--cnn-only", action="store_true", help="leave out the resnet18 (about half the time)")
    args = parser.parse_args()
    images = args.images or (16 if args.smoke else 50_000)
    batch_size = args.batch_size or (8 if args.smoke else 128)
    workers = args.workers if args.workers is not None else (0 if args.smoke else 4)
    # the warm-up ends with a batch as short as the epoch's last one, so that cudnn.benchmark (E) has tried
    # its algorithms for every batch shape before the timed epoch
    warmup_images = min(images, (1 if args.smoke else 20) * batch_size + images % batch_size)

    device = ailib.device()
    if device.type != "cuda" and not args.smoke:
        parser.error("no CUDA device: this benchmark needs a GPU (use --smoke to check the script on a CPU)")
    lines = ["# GPU benchmark: fast path vs slow path" + (" (SMOKE RUN: tiny sizes, numbers mean nothing)"
                                                         if args.smoke else ""), machine_info()]
    if device.type == "cuda":
        lines.append(f"cuda {torch.version.cuda}  cudnn {torch.backends.cudnn.version()}  bf16 supported: "
                     f"{torch.cuda.is_bf16_supported()}  tf32 matmul {torch.backends.cuda.matmul.allow_tf32} "
                     f"conv {torch.backends.cudnn.allow_tf32}")
    lines.append(f"device {device}; {images} random CIFAR-shaped images per epoch, batch {batch_size}, SGD momentum; "
                 f"DataLoader: {workers} workers, pin_memory={device.type == 'cuda'}; warm-up {warmup_images} images")
    print("\n".join(lines), flush=True)

    data = Data(images, device, batch_size, workers)
    models = dict(list(MODELS.items())[:1]) if args.cnn_only else MODELS
    for name, make_model in models.items():
        torch.manual_seed(0)
        initial = copy.deepcopy(make_model().state_dict())
        section = [f"\n## {name}", "| variant | epoch (s) | images/s | speed-up vs A |", "|---|---:|---:|---:|"]
        print("\n".join(section), flush=True)
        slow = None
        for label, variant in VARIANTS.items():
            seconds = run_variant(make_model, initial, data, variant, warmup_images)
            slow = slow or seconds
            row = f"| {label} | {seconds:.2f} | {images / seconds:,.0f} | {slow / seconds:.2f}x |"
            section.append(row)
            print(row, flush=True)
        if device.type == "cuda" and make_model is CifarCNN:
            try:
                section.append(host_syncs(make_model, initial, data))
            except Exception as error:  # an experimental torch API: report, do not lose the timings
                section.append(f"host sync check failed: {error!r}")
            print(section[-1], flush=True)
        lines.extend(section)
    if torch.cuda.is_available():
        lines.append(f"\npeak GPU memory: {torch.cuda.max_memory_allocated() / 2**30:.2f} GiB")

    text = "\n".join(lines) + "\n"
    targets = [args.output] if args.output else []
    if os.environ.get("OUT"):
        targets.append(Path(os.environ["OUT"]) / "gpu_results.txt")
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"results written to {target}")


if __name__ == "__main__":
    main()
