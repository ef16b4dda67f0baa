import pytest
import torch
from torch import nn

from ailib.models.deep_mlp import DeepMLP, PlainLinear, SkipLinear
from ailib.train.gradients import layer_gradient_norms, sigmoid_derivative


def batch(n: int = 32) -> tuple[torch.Tensor, torch.Tensor]:
    generator = torch.Generator().manual_seed(0)
    return torch.rand(n, 1, 8, 8, generator=generator), torch.randint(0, 10, (n,), generator=generator)


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
@pytest.mark.parametrize("skip", [False, True])
def test_shapes_and_one_norm_per_linear_layer(activation, skip):
    torch.manual_seed(0)
    model = DeepMLP(64, 16, 5, 10, activation=activation, skip=skip)
    inputs, targets = batch()
    assert model(inputs).shape == (32, 10)
    assert len(model.linear_layers()) == 5 + 2
    norms = layer_gradient_norms(model, inputs, targets)
    assert norms.shape == (7,) and (norms > 0).all()       # 첫 층까지 기울기가 닿는다
    assert all(p.grad is None for p in model.parameters())  # 잰 뒤 기울기를 지운다


def test_plain_and_skip_twins_differ_only_by_the_shortcut():
    torch.manual_seed(0)
    plain = DeepMLP(64, 16, 3, 10, skip=False)
    skip = DeepMLP(64, 16, 3, 10, skip=True)
    skip.load_state_dict(plain.state_dict())
    assert isinstance(plain.blocks[0], PlainLinear) and isinstance(skip.blocks[0], SkipLinear)
    x = torch.randn(4, 16)
    assert torch.allclose(skip.blocks[0](x), plain.blocks[0](x) + x)


def test_skip_passes_larger_gradients_to_the_first_layer_than_plain_sigmoid():
    inputs, targets = batch()
    first = {}
    for skip in (False, True):
        torch.manual_seed(0)
        model = DeepMLP(64, 16, 20, 10, activation="sigmoid", skip=skip)
        first[skip] = layer_gradient_norms(model, inputs, targets)[0]
    assert first[True] > 1000 * first[False]


def test_plain_sigmoid_gradient_shrinks_towards_the_input():
    torch.manual_seed(0)
    norms = layer_gradient_norms(DeepMLP(64, 16, 12, 10, activation="sigmoid"), *batch())
    assert norms[0] < 1e-3 * norms[-1]


def test_sigmoid_derivative_peaks_at_a_quarter():
    x = torch.arange(-600, 601) / 100
    derivative = sigmoid_derivative(x)
    assert derivative.max() == 0.25 and x[derivative.argmax()] == 0
    x.requires_grad_(True)
    torch.sigmoid(x).sum().backward()
    assert torch.allclose(x.grad, derivative)


def test_a_few_steps_lower_the_loss_of_the_skip_model():
    torch.manual_seed(0)
    model = DeepMLP(64, 16, 8, 10, skip=True)
    inputs, targets = batch()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    losses = []
    for _ in range(20):
        loss = nn.functional.cross_entropy(model(inputs), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < 0.5 * losses[0]


def test_bad_arguments_have_clear_errors():
    with pytest.raises(ValueError, match="activation"):
        DeepMLP(64, 16, 3, 10, activation="tanh")
    with pytest.raises(ValueError, match="depth"):
        DeepMLP(64, 16, 0, 10)
