"""Benchmark 1: `ailib.Trainer` against a minimal hand-written PyTorch loop (time per epoch, CPU).

Same model, same data (synthetic tensors of the real shapes, served by the same `TensorBatches`), same batch
size and optimiser. Four candidates run side by side, in alternating order, `--repeats` times:

- loop:            zero_grad → forward → loss → backward → step, nothing else
- Trainer:         Trainer(metric=None).fit(epochs=1)
- loop+acc:        the same loop that also sums loss and correct answers with `.item()` per batch (common style)
- Trainer+acc:     Trainer(metric=accuracy).fit(epochs=1), as the chapters use it

Ratios are medians of per-round ratios (both timed in the same round). Goal: Trainer / loop <= 1.05.

    python benchmarks/trainer_overhead.py            # MNIST MLP and CIFAR CNN
    python benchmarks/trainer_overhead.py --quick    # fewer samples and repeats (a smoke run)
"""
from __future__ import annotations

import argparse
import copy
import statistics
from collections.abc import Callable

import torch
from torch import nn

from common import describe, interleaved, machine_info, paired_ratio

import ailib  # noqa: E402  (common puts the repository root on sys.path)
from ailib.train.batches import TensorBatches
from ailib.models.cnn import CifarCNN
from ailib.models.mlp import mnist_mlp


def hand_loop(model: nn.Module, optimizer: torch.optim.Optimizer, loss_fn: nn.Module,
              batches: TensorBatches) -> Callable[[], None]:
    def epoch() -> None:
        model.train()
        for inputs, targets in batches:
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(inputs), targets)
            loss.backward()
            optimizer.step()
    return epoch


def hand_loop_with_accuracy(model: nn.Module, optimizer: torch.optim.Optimizer, loss_fn: nn.Module,
                            batches: TensorBatches) -> Callable[[], None]:
    def epoch() -> tuple[float, float]:
        model.train()
        total_loss, correct, count = 0.0, 0, 0
        for inputs, targets in batches:
            optimizer.zero_grad(set_to_none=True)
            outputs = model(inputs)
            loss = loss_fn(outputs, targets)
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * len(targets)
            correct += (outputs.argmax(dim=1) == targets).sum().item()
            count += len(targets)
        return total_loss / count, correct / count
    return epoch


def trainer_epoch(model: nn.Module, optimizer: torch.optim.Optimizer, loss_fn: nn.Module,
                  batches: TensorBatches, with_accuracy: bool) -> Callable[[], None]:
    trainer = ailib.Trainer(model, loss_fn, optimizer, metric=ailib.accuracy if with_accuracy else None,
                            device="cpu")
    return lambda: trainer.fit(batches, epochs=1, verbose=False)


def compare(name: str, make_model: Callable[[], nn.Module], inputs: torch.Tensor, targets: torch.Tensor,
            batch_size: int, repeats: int) -> dict[str, float]:
    ailib.seed_everything(0)
    batches = TensorBatches(inputs, targets, batch_size, shuffle=True, device="cpu")
    template = make_model()
    builders = {"loop": hand_loop, "Trainer": lambda *a: trainer_epoch(*a, with_accuracy=False),
                "loop+acc": hand_loop_with_accuracy, "Trainer+acc": lambda *a: trainer_epoch(*a, with_accuracy=True)}
    candidates = {}
    for label, build in builders.items():
        model = copy.deepcopy(template)
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        candidates[label] = build(model, optimizer, nn.CrossEntropyLoss(), batches)
    interleaved(candidates, repeats=1)  # warm-up: allocator, oneDNN primitives
    seconds = interleaved(candidates, repeats)
    print(f"\n## {name}: {len(inputs)} samples of shape {tuple(inputs.shape[1:])}, batch {batch_size}, "
          f"{len(batches)} batches per epoch, Adam")
    for label, times in seconds.items():
        print(f"  {label:<12} {describe(times)}  ({statistics.median(times) / len(batches) * 1e6:.0f} us/batch)")
    ratios = {"Trainer / loop": paired_ratio(seconds, "Trainer", "loop"),
              "Trainer+acc / loop+acc": paired_ratio(seconds, "Trainer+acc", "loop+acc"),
              "Trainer+acc / loop": paired_ratio(seconds, "Trainer+acc", "loop")}
    for label, ratio in ratios.items():
        print(f"  ratio {label:<24} {ratio:.3f}")
    return ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, 3 repeats (checks that it runs)")
    parser.add_argument("--repeats", type=int, default=None, help="alternating rounds (default 7, quick 3)")
    parser.add_argument("--mnist-samples", type=int, default=None, help="default 60000 (quick 2000)")
    parser.add_argument("--cifar-samples", type=int, default=None, help="default 1024 (quick 128)")
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's choice)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    repeats = args.repeats or (3 if args.quick else 7)
    mnist_n = args.mnist_samples or (2000 if args.quick else 60000)
    cifar_n = args.cifar_samples or (128 if args.quick else 1024)

    print("# Trainer vs hand-written loop (CPU)")
    print(machine_info())
    generator = torch.Generator().manual_seed(0)
    compare("MNIST MLP 784-64-10 (ailib.models.mlp.mnist_mlp)", mnist_mlp,
            torch.rand(mnist_n, 1, 28, 28, generator=generator), torch.randint(0, 10, (mnist_n,), generator=generator),
            batch_size=64, repeats=repeats)
    compare("CIFAR CNN (ailib.models.cnn.CifarCNN)", CifarCNN,
            torch.randn(cifar_n, 3, 32, 32, generator=generator), torch.randint(0, 10, (cifar_n,), generator=generator),
            batch_size=128, repeats=repeats)


if __name__ == "__main__":
    main()
