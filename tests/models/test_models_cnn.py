import pytest
import torch
from torch import nn

import ailib
from ailib.vision.augment import to_float
from ailib.models.cnn import BasicBlock, CifarCNN
from training_steps import steps_lower_the_loss


def conv_params(c_in: int, c_out: int, k: int = 3) -> int:
    return c_out * c_in * k * k + c_out


def colour_images(n: int = 64, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """CIFAR 형식(uint8, 3×32×32)의 두 클래스: 붉은 가로 줄무늬 대 푸른 세로 줄무늬, 잡음 섞음."""
    generator = torch.Generator().manual_seed(seed)
    labels = torch.randint(0, 2, (n,), generator=generator)
    stripes = (torch.arange(32) // 4 % 2).float()
    images = torch.rand(n, 3, 32, 32, generator=generator) * 0.4
    for i, label in enumerate(labels):
        channel, pattern = (0, stripes.view(32, 1)) if label == 0 else (2, stripes.view(1, 32))
        images[i, channel] += 0.6 * pattern
    return (images * 255).to(torch.uint8), labels


def test_basic_block_halves_the_size_and_sets_the_channels():
    block = BasicBlock(in_channels=3, out_channels=32, hidden_channels=16)
    assert block(torch.zeros(2, 3, 32, 32)).shape == (2, 32, 16, 16)
    assert block(torch.zeros(1, 3, 10, 10)).shape == (1, 32, 5, 5)
    assert [type(m) for m in block.children()] == [nn.Conv2d, nn.Conv2d, nn.ReLU, nn.MaxPool2d]
    assert sum(p.numel() for p in block.parameters()) == conv_params(3, 16) + conv_params(16, 32)


def test_cifar_cnn_shapes_at_every_stage():
    model = CifarCNN()
    x = torch.zeros(5, 3, 32, 32)
    maps = model.block_outputs(x)
    assert [tuple(m.shape) for m in maps] == [(5, 32, 16, 16), (5, 128, 8, 8), (5, 256, 4, 4)]
    assert model.fc1.in_features == 256 * 4 * 4
    assert model(x).shape == (5, 10)
    assert CifarCNN(num_classes=3)(x).shape == (5, 3)


def test_cifar_cnn_parameter_count_follows_the_layer_sizes():
    expected = (conv_params(3, 16) + conv_params(16, 32) + conv_params(32, 64) + conv_params(64, 128)
                + conv_params(128, 128) + conv_params(128, 256)
                + (4096 * 2048 + 2048) + (2048 * 256 + 256) + (256 * 10 + 10))
    assert sum(p.numel() for p in CifarCNN().parameters()) == expected


def test_training_steps_lower_the_loss_on_cifar_format_images():
    ailib.seed_everything(0)
    images, labels = colour_images(n=32)
    inputs = to_float(images)
    model = CifarCNN(num_classes=2)
    before, after = steps_lower_the_loss(model.parameters(),
                                         lambda: nn.functional.cross_entropy(model(inputs), labels), steps=8)
    assert after < before * 0.5
    assert (model(inputs).argmax(1) == labels).float().mean() > 0.9


@pytest.mark.parametrize("shape", [(3, 32, 32), (2, 1, 32, 32), (2, 3, 28, 28)])
def test_wrong_input_shape_gives_a_clear_error(shape):
    with pytest.raises(ValueError, match=r"\(N, 3, 32, 32\)"):
        CifarCNN()(torch.zeros(shape))
