"""Benchmark 2: the whole-tensor path (ailib.train.batches.TensorBatches + ailib.vision.augment on whole batches) against
a torchvision DataLoader with per-image PIL transforms (CPU).

The DataLoader side does what `torchvision.datasets.CIFAR10/MNIST` do per item (PIL image from a uint8 array)
followed by RandomCrop(32, padding=4) → RandomHorizontalFlip → ToTensor → Normalize (MNIST: ToTensor →
Normalize). The whole-tensor side keeps the same uint8 images as one (N, C, H, W) tensor and applies the same
steps to each batch at once. Data: random arrays in the real formats (no network). Three comparisons, each
run side by side in alternating order; ratios are medians of per-round ratios (DataLoader time / whole-tensor
time, so > 1 means the whole-tensor path is faster):

1. data only: one epoch of augmented CIFAR-format batches (DataLoader with 0 and with 2 workers);
2. MNIST MLP, one Trainer epoch (60,000 images, batch 64);
3. CIFAR CNN, one Trainer epoch on a small subset (the CNN itself dominates on a CPU).

    python benchmarks/data_path.py           # full sizes
    python benchmarks/data_path.py --quick   # small sizes (checks that it runs)
"""
from __future__ import annotations

import argparse
import statistics

import torch
from torch import nn
from torch.utils.data import DataLoader

from common import (PerImageDataset, batched_transform, cifar_arrays, describe, interleaved, machine_info,
                    mnist_arrays, nchw, paired_ratio, per_image_transform)

import ailib  # noqa: E402  (common puts the repository root on sys.path)
from ailib.vision.augment import channel_mean_std
from ailib.train.batches import TensorBatches
from ailib.models.cnn import CifarCNN
from ailib.models.mlp import mnist_mlp

BASELINE = "TensorBatches"


def report(title: str, seconds: dict[str, list[float]], images: int) -> dict[str, float]:
    print(f"\n## {title}")
    for label, times in seconds.items():
        print(f"  {label:<34} {describe(times)}  ({images / statistics.median(times):,.0f} images/s)")
    ratios = {f"{label} / {BASELINE}": paired_ratio(seconds, label, BASELINE) for label in seconds if label != BASELINE}
    for label, ratio in ratios.items():
        print(f"  speed-up of the whole-tensor path over {label.split(' / ')[0]}: {ratio:.2f}x")
    return ratios


def consume(batches) -> None:
    for inputs, targets in batches:
        pass


def data_only(count: int, batch_size: int, repeats: int) -> None:
    images, labels = cifar_arrays(count)
    tensors = nchw(images)
    mean, std = channel_mean_std(tensors)
    dataset = PerImageDataset(images, labels, per_image_transform(mean, std))
    loaders = {f"DataLoader, per-image PIL, {w} workers": DataLoader(dataset, batch_size, shuffle=True, num_workers=w,
                                                                      persistent_workers=w > 0)
               for w in (0, 2)}
    batches = TensorBatches(tensors, torch.from_numpy(labels), batch_size, shuffle=True,
                            transform=batched_transform(mean, std), device="cpu")
    candidates = {**{label: (lambda loader=loader: consume(loader)) for label, loader in loaders.items()},
                  BASELINE: lambda: consume(batches)}
    interleaved(candidates, 1)  # warm-up (starts the persistent workers)
    report(f"data only: {count} CIFAR-format images, crop+flip+normalise, batch {batch_size}",
           interleaved(candidates, repeats), count)


def trainer_epoch(model_factory, data) -> callable:
    ailib.seed_everything(0)
    model = model_factory()
    trainer = ailib.Trainer(model, nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters(), lr=1e-3),
                            metric=ailib.accuracy, device="cpu")
    return lambda: trainer.fit(data, epochs=1, verbose=False)


def end_to_end(title: str, model_factory, images, labels, batch_size: int, crop_size: int | None,
               repeats: int) -> None:
    tensors = nchw(images)
    mean, std = channel_mean_std(tensors)
    loader = DataLoader(PerImageDataset(images, labels, per_image_transform(mean, std, crop_size)), batch_size,
                        shuffle=True)
    batches = TensorBatches(tensors, torch.from_numpy(labels), batch_size, shuffle=True,
                            transform=batched_transform(mean, std, augment=crop_size is not None), device="cpu")
    candidates = {"DataLoader, per-image PIL, 0 workers": trainer_epoch(model_factory, loader),
                  BASELINE: trainer_epoch(model_factory, batches)}
    interleaved(candidates, 1)
    report(f"{title}: one Trainer epoch, {len(images)} images, batch {batch_size}",
           interleaved(candidates, repeats), len(images))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, 3 repeats (checks that it runs)")
    parser.add_argument("--repeats", type=int, default=None, help="alternating rounds (default 5, quick 3)")
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's choice)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    repeats = args.repeats or (3 if args.quick else 5)
    print("# Whole-tensor path vs DataLoader with per-image transforms (CPU)")
    print(machine_info())
    data_only(1024 if args.quick else 10_000, batch_size=128, repeats=repeats)
    end_to_end("MNIST MLP 784-64-10", mnist_mlp, *mnist_arrays(2000 if args.quick else 60_000), batch_size=64,
               crop_size=None, repeats=repeats)
    end_to_end("CIFAR CNN", CifarCNN, *cifar_arrays(128 if args.quick else 512), batch_size=128, crop_size=32,
               repeats=repeats)


if __name__ == "__main__":
    main()
