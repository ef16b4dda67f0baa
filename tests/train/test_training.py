import math
from pathlib import Path

import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

import ailib
from ailib.train.trainer import Trainer


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


# issue 11 (6, 7, 10, 12): NaN 손실, 체크포인트 확인, epochs 자료형, 권한과 남은 임시 파일 -------------------

def test_a_nan_loss_stops_training_naming_the_epoch_batch_and_remedies():
    train, _ = loaders()
    trainer = make_trainer()
    trainer.fit(train, epochs=1, verbose=False)
    inputs, labels = two_blobs(64)[:]
    inputs[40] = float("nan")                                   # 두 번째 배치(32개씩)에 NaN
    with pytest.raises(FloatingPointError) as caught:
        trainer.fit(DataLoader(TensorDataset(inputs, labels), batch_size=32), epochs=3, verbose=False)
    message = str(caught.value)
    assert "에폭 2의 2번째 배치" in message and "epoch 2, batch 2" in message
    assert "학습률" in message and "clip_grad_norm" in message
    assert len(trainer.history) == 1                            # NaN 에폭은 기록하지 않는다
    with pytest.raises(FloatingPointError, match="inf"):
        inf_trainer = make_trainer()
        inf_trainer.loss_fn = lambda outputs, targets: outputs.sum() * float("inf")
        inf_trainer.fit(train, epochs=1, verbose=False)


def test_training_stops_at_the_first_bad_batch_before_it_changes_the_weights():
    inputs, labels = two_blobs(192)[:]
    inputs[70] = float("nan")                                   # 세 번째 배치(32개씩, 6개 가운데)에 NaN
    data = DataLoader(TensorDataset(inputs, labels), batch_size=32)
    reference = make_trainer()                                  # 같은 초기 가중치로 정상 배치 둘만 배운다
    for batch_inputs, batch_labels in list(data)[:2]:
        reference._step(reference.loss_fn(reference.model(batch_inputs), batch_labels))
    trainer = make_trainer()
    with pytest.raises(FloatingPointError) as caught:
        trainer.fit(data, epochs=1, verbose=False)
    assert "에폭 1의 3번째 배치" in str(caught.value) and "epoch 1, batch 3" in str(caught.value)
    for own, expected in zip(trainer.model.parameters(), reference.model.parameters()):
        assert torch.isfinite(own).all() and torch.equal(own, expected)   # 나쁜 배치 뒤로는 한 번도 바뀌지 않았다
    with pytest.raises(FloatingPointError, match="evaluation loss is nan at batch 3"):
        trainer.evaluate(data)                                  # 평가도 NaN을 조용히 돌려주지 않는다
    assert math.isfinite(trainer.evaluate(DataLoader(two_blobs(64), batch_size=32))["loss"])


@pytest.mark.parametrize("epochs", [2.5, "3", True])
def test_epochs_must_be_an_integer(epochs):
    with pytest.raises(TypeError, match="epochs must be an integer"):
        make_trainer().fit([], epochs=epochs)


def checkpoint_of(trainer: Trainer, tmp_path) -> Path:
    train, _ = loaders()
    trainer.fit(train, epochs=1, verbose=False)
    return trainer.save_checkpoint(tmp_path / "model.pt")


def test_a_checkpoint_of_another_model_restores_nothing(tmp_path):
    other = make_trainer()
    other.model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2))
    other.optimizer = torch.optim.SGD(other.model.parameters(), lr=0.1)
    path = checkpoint_of(other, tmp_path)
    trainer = make_trainer()
    trainer.fit(loaders()[0], epochs=2, verbose=False)
    before = {k: v.clone() for k, v in trainer.model.state_dict().items()}
    records = list(trainer.history.records)
    with pytest.raises(ValueError, match="다른 모델의 체크포인트.*shape mismatch.*nothing was restored"):
        trainer.load_checkpoint(path)
    assert all(torch.equal(before[k], v) for k, v in trainer.model.state_dict().items())
    assert trainer.history.records == records


def test_a_checkpoint_for_another_optimizer_is_rolled_back(tmp_path):
    path = checkpoint_of(make_trainer(), tmp_path)             # SGD 하나의 매개변수 묶음
    trainer = make_trainer()
    trainer.optimizer = torch.optim.SGD([{"params": [p]} for p in trainer.model.parameters()], lr=0.1)
    before = {k: v.clone() for k, v in trainer.model.state_dict().items()}
    with pytest.raises(ValueError, match="nothing was restored"):
        trainer.load_checkpoint(path)
    assert all(torch.equal(before[k], v) for k, v in trainer.model.state_dict().items())


@pytest.mark.parametrize("history, entry", [
    ([1, 2, 3], "1"),
    ([{"epoch": 1, "train_loss": 0.5}, {"epoch": "2", "train_loss": 0.4}], "{'epoch': '2'"),
    ([{"epoch": 1, "train_loss": [0.5]}], "[0.5]"),
])
def test_a_checkpoint_with_a_malformed_history_restores_nothing(tmp_path, history, entry):
    path = checkpoint_of(make_trainer(), tmp_path)
    state = torch.load(path, weights_only=True)
    state["history"] = history
    torch.save(state, path)
    trainer = make_trainer()
    trainer.optimizer.param_groups[0]["lr"] = 0.5               # 저장한 것(0.1)과 다르다
    trainer.model[0].weight.data.fill_(0.25)
    before = {k: v.clone() for k, v in trainer.model.state_dict().items()}
    with pytest.raises(ValueError, match="history.*nothing was restored") as caught:
        trainer.load_checkpoint(path)
    assert entry in str(caught.value)
    assert all(torch.equal(before[k], v) for k, v in trainer.model.state_dict().items())
    assert trainer.optimizer.param_groups[0]["lr"] == 0.5 and len(trainer.history) == 0


@pytest.mark.parametrize("content, problem", [
    (b"", "not a readable checkpoint"),
    (b"hello, this is text\n", "not a readable checkpoint"),
    ("state_dict", "plain model state_dict"),
    ("pickled object", "not a readable checkpoint"),
])
def test_files_that_are_not_checkpoints_get_clear_errors(tmp_path, content, problem):
    path = tmp_path / "model.pt"
    if content == "state_dict":
        torch.save(make_trainer().model.state_dict(), path)
    elif content == "pickled object":
        torch.save({"model": object()}, path)
    else:
        path.write_bytes(content)
    with pytest.raises(ValueError, match=problem) as caught:
        make_trainer().load_checkpoint(path)
    assert "weights_only=False" not in str(caught.value)


def test_checkpoints_respect_the_umask_and_clean_stale_partial_files(tmp_path):
    import os
    import stat
    import subprocess
    import sys

    from ailib.files import _owner_tag

    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    stale = tmp_path / f".model.pt.{_owner_tag().rpartition('-')[0]}-{finished.pid}.xyz.partial"
    stale.write_bytes(b"half a checkpoint")
    previous = os.umask(0o002)
    try:
        path = make_trainer().save_checkpoint(tmp_path / "model.pt")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.pt"]
