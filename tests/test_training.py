import math

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

import ailib
from ailib.training import Trainer


def two_blobs(n: int = 256, seed: int = 0) -> TensorDataset:
    """두 덩어리로 나뉜 2차원 점들: 작은 MLP가 금방 배우는 분류 문제."""
    generator = torch.Generator().manual_seed(seed)
    labels = torch.randint(0, 2, (n,), generator=generator)
    points = torch.randn(n, 2, generator=generator) + (labels.float() * 3 - 1.5).unsqueeze(1)
    return TensorDataset(points, labels)


def make_trainer(**kwargs) -> Trainer:
    ailib.seed_everything(0)
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    return Trainer(model, nn.CrossEntropyLoss(), optimizer, metric=ailib.accuracy, device="cpu", **kwargs)


def loaders():
    return (DataLoader(two_blobs(256, seed=0), batch_size=32, shuffle=True),
            DataLoader(two_blobs(128, seed=1), batch_size=64))


def test_fit_lowers_the_loss_and_learns():
    train, val = loaders()
    trainer = make_trainer()
    before = trainer.evaluate(val)
    history = trainer.fit(train, epochs=5, val_data=val, verbose=False)
    assert history["val_loss"][-1] < before["loss"] * 0.5
    assert history["train_loss"][-1] < history["train_loss"][0]
    assert history["val_acc"][-1] > 0.9


def test_history_records_every_epoch_with_consistent_values():
    train, val = loaders()
    trainer = make_trainer()
    history = trainer.fit(train, epochs=3, val_data=val, verbose=False)
    assert history["epoch"] == [1, 2, 3]
    assert history.keys == ["epoch", "train_loss", "train_acc", "val_loss", "val_acc", "lr"]
    # 마지막 에폭의 검증 기록은 evaluate()로 다시 잰 값과 같다.
    again = trainer.evaluate(val)
    assert history.last()["val_loss"] == pytest.approx(again["loss"], rel=1e-6)
    assert history.last()["val_acc"] == pytest.approx(again["acc"])
    # 한 번 더 fit하면 기록이 이어진다.
    trainer.fit(train, epochs=2, verbose=False)
    assert history["epoch"] == [1, 2, 3, 4, 5]
    assert len(history["val_loss"]) == 3


def test_loss_is_averaged_over_samples_not_batches():
    data = two_blobs(100)
    trainer = make_trainer()
    uneven = trainer.evaluate(DataLoader(data, batch_size=30))  # 30, 30, 30, 10
    whole = trainer.evaluate(DataLoader(data, batch_size=100))
    assert uneven["loss"] == pytest.approx(whole["loss"], rel=1e-5)


def test_scheduler_and_learning_rate_are_recorded():
    train, _ = loaders()
    trainer = make_trainer()
    trainer.scheduler = torch.optim.lr_scheduler.StepLR(trainer.optimizer, step_size=1, gamma=0.5)
    history = trainer.fit(train, epochs=3, verbose=False)
    assert history["lr"] == pytest.approx([0.1, 0.05, 0.025])


def test_gradient_clipping_bounds_the_gradient_norm():
    trainer = make_trainer(clip_grad_norm=1e-3)
    inputs, labels = two_blobs(64)[:]
    loss = trainer.loss_fn(trainer.model(inputs), labels)
    trainer._step(loss)
    norm = torch.sqrt(sum(p.grad.pow(2).sum() for p in trainer.model.parameters()))
    assert norm.item() <= 1e-3 * 1.01


def test_checkpoint_round_trip_restores_model_optimizer_and_history(tmp_path):
    train, val = loaders()
    trainer = make_trainer()
    trainer.optimizer = torch.optim.Adam(trainer.model.parameters(), lr=1e-2)
    trainer.fit(train, epochs=2, val_data=val, verbose=False)
    path = trainer.save_checkpoint(tmp_path / "run" / "model.pt")
    assert sorted(p.name for p in path.parent.iterdir()) == ["model.pt"]

    restored = make_trainer()
    restored.optimizer = torch.optim.Adam(restored.model.parameters(), lr=1e-2)
    restored.load_checkpoint(path)
    inputs = two_blobs(16, seed=5).tensors[0]
    assert torch.equal(restored.predict(inputs), trainer.predict(inputs))
    assert restored.history.records == trainer.history.records
    assert restored.optimizer.state_dict()["state"][0]["step"] == trainer.optimizer.state_dict()["state"][0]["step"]
    # 이어서 학습해도 두 Trainer는 똑같이 움직인다.
    batch = next(iter(DataLoader(two_blobs(32, seed=9), batch_size=32)))
    for t in (trainer, restored):
        t._step(t.loss_fn(t.model(batch[0]), batch[1]))
    assert torch.equal(restored.predict(inputs), trainer.predict(inputs))


def test_failed_checkpoint_save_leaves_nothing_on_disk(tmp_path, monkeypatch):
    trainer = make_trainer()

    def broken_save(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(torch, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        trainer.save_checkpoint(tmp_path / "model.pt")
    assert list(tmp_path.iterdir()) == []


def test_missing_checkpoint_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="체크포인트 파일이 없습니다.*Checkpoint not found"):
        make_trainer().load_checkpoint(tmp_path / "nope.pt")


def test_empty_data_and_zero_epochs_are_clear_errors():
    trainer = make_trainer()
    with pytest.raises(ValueError, match="no batches"):
        trainer.evaluate([])
    with pytest.raises(ValueError, match="epochs must be at least 1"):
        trainer.fit([], epochs=0)


def test_book_build_prints_one_line_per_epoch(monkeypatch, capsys):
    monkeypatch.setenv("AILIB_BOOK_BUILD", "1")
    train, val = loaders()
    make_trainer().fit(train, epochs=3, val_data=val)
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split()[:2] for line in lines] == [["에폭", "1/3"], ["에폭", "2/3"], ["에폭", "3/3"]]
    assert all("train_loss" in line and "val_acc" in line for line in lines)
    assert "\r" not in "".join(lines)


def test_metrics_reject_mismatched_shapes():
    with pytest.raises(ValueError, match="accuracy needs"):
        ailib.accuracy(torch.zeros(4, 3), torch.zeros(4, 1))
    with pytest.raises(ValueError, match="shapes differ"):
        ailib.rmse(torch.zeros(4, 1), torch.zeros(4))
    assert ailib.rmse(torch.tensor([1.0, 3.0]), torch.tensor([1.0, 1.0])).item() == pytest.approx(math.sqrt(2))
