import pytest
import torch
from torch import nn

import ailib
from ailib.train.batches import TensorBatches


def numbered(n: int) -> tuple[torch.Tensor, torch.Tensor]:
    """입력의 첫 값이 곧 정답인 데이터: 배치가 입력과 정답의 짝을 지키는지 확인할 수 있다."""
    inputs = torch.arange(n, dtype=torch.float32).unsqueeze(1).repeat(1, 3)
    return inputs, torch.arange(n)


def test_every_sample_once_per_epoch_in_batches_of_the_given_size():
    batches = TensorBatches(*numbered(1050), batch_size=100, device="cpu")
    sizes = [len(x) for x, _ in batches]
    assert len(batches) == 11 and sizes == [100] * 10 + [50]
    seen = torch.cat([y for _, y in batches])
    assert torch.equal(seen, torch.arange(1050))  # 섞지 않으면 순서 그대로


def test_drop_last_drops_the_small_batch():
    batches = TensorBatches(*numbered(1050), batch_size=100, drop_last=True, device="cpu")
    assert len(batches) == 10 and [len(x) for x, _ in batches] == [100] * 10


def test_shuffle_changes_the_order_every_epoch_and_keeps_pairs():
    ailib.seed_everything(0)
    batches = TensorBatches(*numbered(200), batch_size=32, shuffle=True, device="cpu")
    epochs = [torch.cat([y for _, y in batches]) for _ in range(2)]
    for order in epochs:
        assert sorted(order.tolist()) == list(range(200))
    assert not torch.equal(epochs[0], epochs[1])
    assert not torch.equal(epochs[0], torch.arange(200))
    for x, y in batches:
        assert torch.equal(x[:, 0].long(), y)


def test_transform_is_applied_to_each_input_batch_only():
    batches = TensorBatches(*numbered(10), batch_size=4, transform=lambda x: -x, device="cpu")
    x, y = next(iter(batches))
    assert torch.equal(x[:, 0], -y.float())


def test_trainer_learns_from_tensor_batches():
    ailib.seed_everything(0)
    points = torch.randn(256, 2)
    labels = (points[:, 0] + points[:, 1] > 0).long()
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2))
    trainer = ailib.Trainer(model, nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), lr=0.2),
                            metric=ailib.accuracy, device="cpu")
    batches = TensorBatches(points, labels, batch_size=32, shuffle=True, device="cpu")
    history = trainer.fit(batches, epochs=5, val_data=batches, verbose=False)
    assert history["train_loss"][-1] < history["train_loss"][0]
    assert history["val_acc"][-1] > 0.9


@pytest.mark.parametrize("kwargs, message", [
    ({"inputs": torch.zeros(5, 2), "targets": torch.zeros(4)}, "개수가 다릅니다"),
    ({"batch_size": 0}, "batch_size"),
    ({"inputs": torch.zeros(0, 2), "targets": torch.zeros(0)}, "배치를 하나도"),
    ({"batch_size": 20, "drop_last": True}, "full batch"),
])
def test_bad_input_gives_a_clear_error(kwargs, message):
    args = {"inputs": torch.zeros(10, 2), "targets": torch.zeros(10), "batch_size": 4, "device": "cpu", **kwargs}
    with pytest.raises(ValueError, match=message):
        TensorBatches(**args)
