import pytest
import torch
from torch import nn

import ailib
from ailib.train.batches import TensorBatches
from ailib.models.mlp import MLP, mnist_mlp, regression_mlp
from training_steps import steps_lower_the_loss


def test_mnist_mlp_is_784_64_10_as_in_the_notes():
    model = mnist_mlp()
    linears = [layer for layer in model if isinstance(layer, nn.Linear)]
    assert [(layer.in_features, layer.out_features) for layer in linears] == [(784, 64), (64, 10)]
    assert sum(p.numel() for p in model.parameters()) == 784 * 64 + 64 + 64 * 10 + 10
    assert model(torch.rand(5, 1, 28, 28)).shape == (5, 10)     # 이미지를 784개로 펼친다


def test_activation_between_layers_but_not_after_the_last():
    model = MLP([3, 8, 8, 2], activation=nn.Tanh)
    assert [type(layer).__name__ for layer in model] == [
        "Flatten", "Linear", "Tanh", "Linear", "Tanh", "Linear"]


def test_regression_mlp_outputs_one_column_per_sample():
    model = regression_mlp(13)
    assert model.sizes == (13, 64, 64, 1)
    assert model(torch.randn(7, 13)).shape == (7, 1)


def test_both_mlps_share_one_builder():
    assert type(mnist_mlp()) is type(regression_mlp(13)) is MLP


def small_digits(n: int = 200) -> tuple[torch.Tensor, torch.Tensor]:
    """MNIST 모양의 작은 데이터: 레이블마다 다른 픽셀 줄이 밝다."""
    generator = torch.Generator().manual_seed(0)
    labels = torch.randint(0, 10, (n,), generator=generator)
    images = 0.1 * torch.rand(n, 1, 28, 28, generator=generator)
    images[torch.arange(n), 0, 2 + 2 * labels, 4:24] = 1.0
    return images, labels


def test_training_steps_lower_the_mnist_loss():
    ailib.seed_everything(0)
    images, labels = small_digits()
    model = mnist_mlp()
    trainer = ailib.Trainer(model, nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters(), lr=1e-2),
                            metric=ailib.accuracy, device="cpu")
    batches = TensorBatches(images, labels, batch_size=50, shuffle=True, device="cpu")
    before = trainer.evaluate(batches)
    history = trainer.fit(batches, epochs=5, verbose=False)
    assert history["train_loss"][-1] < before["loss"] * 0.5
    assert trainer.evaluate(batches)["acc"] > 0.9


def test_a_regression_step_lowers_the_loss():
    ailib.seed_everything(0)
    inputs = torch.randn(64, 13)
    targets = inputs[:, :1] * 3 - inputs[:, 1:2]
    model = regression_mlp(13)
    steps_lower_the_loss(model.parameters(), lambda: nn.functional.mse_loss(model(inputs), targets),
                         lr=0.01, optimizer=torch.optim.SGD)


@pytest.mark.parametrize("sizes", [[784], [], [784, 0, 10], [784, 64.0, 10]])
def test_bad_sizes_are_a_clear_error(sizes):
    with pytest.raises(ValueError, match="양의 정수.*at least two positive integers"):
        MLP(sizes)


@pytest.mark.parametrize("shape", [(5, 28), (784,), (5, 3, 28, 28)])
def test_inputs_of_the_wrong_size_are_a_clear_error(shape):
    with pytest.raises(ValueError, match="입력 784개.*expects inputs of shape \\(N, ...\\) with 784 values"):
        mnist_mlp()(torch.rand(shape))
