"""Trainer의 빠른 경로: 배치마다 CPU로 값을 읽지 않고, channels_last를 고를 수 있고, CPU 스레드를 넘치게 쓰지 않는다."""
import os

import pytest
import torch
from torch import nn

import ailib
from ailib.train.batches import TensorBatches
from ailib.runtime import available_cpus, limit_cpu_threads
from ailib.train.trainer import ACCELERATOR_CHECK_EVERY, Trainer, weighted_mean


def blobs(n: int, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    generator = torch.Generator().manual_seed(seed)
    labels = torch.randint(0, 2, (n,), generator=generator)
    return torch.randn(n, 2, generator=generator) + (labels.float() * 3 - 1.5).unsqueeze(1), labels


def test_weighted_mean_is_the_mean_over_samples():
    batch_means = [torch.tensor(1.0), torch.tensor(4.0)]
    assert weighted_mean(batch_means, [3, 1]) == pytest.approx((3 * 1.0 + 1 * 4.0) / 4)


@pytest.fixture
def host_reads(monkeypatch) -> list[str]:
    """텐서 값을 파이썬으로 읽는 호출(= GPU라면 동기화)을 기록한다."""
    calls: list[str] = []
    for name in ("item", "tolist", "__float__", "__bool__"):
        original = getattr(torch.Tensor, name)

        def spy(self, *args, _original=original, _name=name):
            calls.append(_name)
            return _original(self, *args)

        monkeypatch.setattr(torch.Tensor, name, spy)
    return calls


@pytest.mark.parametrize("metric", [None, ailib.accuracy])
def test_an_epoch_reads_values_back_a_fixed_number_of_times_not_once_per_batch(host_reads, metric, monkeypatch):
    # GPU의 규칙(유한한지 ACCELERATOR_CHECK_EVERY 배치마다 확인)을 CPU에서 센다. CPU는 배치마다 확인한다:
    # 그곳의 읽기는 기다림이 없다.
    monkeypatch.setattr(Trainer, "_check_interval", lambda self: ACCELERATOR_CHECK_EVERY)
    counts = []
    for num_batches in (4, 40):
        ailib.seed_everything(0)
        model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2))
        trainer = Trainer(model, nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), lr=0.1),
                          metric=metric, device="cpu")
        data = TensorBatches(*blobs(num_batches * 8), batch_size=8, device="cpu")
        host_reads.clear()
        record = trainer._run_epoch(data, "train")
        counts.append(len(host_reads))
    assert counts[0] <= 2 and counts[1] - counts[0] == 40 // ACCELERATOR_CHECK_EVERY
    assert set(record) == ({"train_loss"} if metric is None else {"train_loss", "train_acc"})


class RecordingCNN(nn.Module):
    """입력의 메모리 배치를 기억하는 작은 합성곱 모델."""

    def __init__(self) -> None:
        super().__init__()
        self.conv = nn.Conv2d(3, 4, kernel_size=3, padding=1)
        self.head = nn.Linear(4 * 8 * 8, 2)
        self.saw_channels_last: list[bool] = []

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.saw_channels_last.append(x.is_contiguous(memory_format=torch.channels_last))
        return self.head(torch.flatten(torch.relu(self.conv(x)), start_dim=1))


def image_trainer(channels_last: bool) -> Trainer:
    ailib.seed_everything(0)
    model = RecordingCNN()
    return Trainer(model, nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), lr=0.05),
                   metric=ailib.accuracy, device="cpu", channels_last=channels_last)


def image_data(n: int = 64) -> tuple[torch.Tensor, torch.Tensor]:
    """왼쪽 절반이 밝으면 1, 오른쪽 절반이 밝으면 0인 8×8 이미지."""
    generator = torch.Generator().manual_seed(0)
    labels = torch.randint(0, 2, (n,), generator=generator)
    images = torch.rand(n, 3, 8, 8, generator=generator) * 0.2
    images[labels == 1, :, :, :4] += 1.0
    images[labels == 0, :, :, 4:] += 1.0
    return images, labels


def test_channels_last_puts_weights_and_inputs_in_nhwc_and_still_learns():
    trainer = image_trainer(channels_last=True)
    assert trainer.model.conv.weight.is_contiguous(memory_format=torch.channels_last)
    data = TensorBatches(*image_data(), batch_size=16, shuffle=True, device="cpu")
    history = trainer.fit(data, epochs=8, verbose=False)
    assert all(trainer.model.saw_channels_last)
    assert history["train_loss"][-1] < history["train_loss"][0]
    assert history["train_acc"][-1] > 0.9


def test_channels_last_gives_the_same_predictions_as_the_default_layout():
    images, _ = image_data(16)
    default, nhwc = image_trainer(channels_last=False), image_trainer(channels_last=True)
    torch.testing.assert_close(nhwc.predict(images), default.predict(images), rtol=1e-5, atol=1e-5)
    assert not any(default.model.saw_channels_last)


def test_available_cpus_respects_the_container_quota(tmp_path):
    affinity = len(os.sched_getaffinity(0))
    cpu_max = tmp_path / "cpu.max"
    cpu_max.write_text("max 100000\n")
    assert available_cpus(cpu_max) == affinity
    cpu_max.write_text("50000 100000\n")  # CPU 반 개 할당: 적어도 스레드 하나는 쓴다
    assert available_cpus(cpu_max) == 1
    cpu_max.write_text(f"{100000 * (affinity + 8)} 100000\n")  # 할당량이 코어보다 많으면 코어 수
    assert available_cpus(cpu_max) == affinity
    assert available_cpus(tmp_path / "missing") == affinity


@pytest.fixture
def restore_threads():
    threads = torch.get_num_threads()
    yield
    torch.set_num_threads(threads)


def test_trainer_on_cpu_lowers_too_many_threads_but_never_raises_them(restore_threads):
    torch.set_num_threads(available_cpus() + 6)  # 컨테이너 안에서 PyTorch가 호스트의 코어 수를 믿을 때처럼
    image_trainer(channels_last=False)
    assert torch.get_num_threads() == available_cpus()
    torch.set_num_threads(1)
    limit_cpu_threads()
    assert torch.get_num_threads() == 1
