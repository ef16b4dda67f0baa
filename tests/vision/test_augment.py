import pytest
import torch

import ailib
from ailib.vision.augment import (Compose, Normalize, RandomCrop, RandomHorizontalFlip, Resize, channel_mean_std,
                           to_float)


def images(n: int = 16, channels: int = 3, size: int = 8, seed: int = 0) -> torch.Tensor:
    generator = torch.Generator().manual_seed(seed)
    return torch.randint(1, 256, (n, channels, size, size), dtype=torch.uint8, generator=generator)


def test_to_float_maps_uint8_to_unit_range_and_keeps_floats():
    x = torch.tensor([0, 51, 255], dtype=torch.uint8).view(1, 1, 1, 3)
    assert torch.allclose(to_float(x), torch.tensor([0.0, 0.2, 1.0]).view(1, 1, 1, 3))
    y = torch.rand(2, 3, 4, 4)
    assert to_float(y) is y


def test_channel_mean_std_equals_the_direct_computation_even_in_chunks():
    x = images(50)
    direct = to_float(x).permute(1, 0, 2, 3).reshape(3, -1)
    mean, std = channel_mean_std(x, chunk_size=7)
    assert torch.allclose(mean, direct.mean(dim=1), atol=1e-6)
    assert torch.allclose(std, direct.std(dim=1, unbiased=False), atol=1e-6)


def test_normalize_with_the_training_statistics_gives_mean_0_std_1():
    x = images(50)
    out = Normalize(*channel_mean_std(x))(to_float(x))
    per_channel = out.permute(1, 0, 2, 3).reshape(3, -1)
    assert torch.allclose(per_channel.mean(dim=1), torch.zeros(3), atol=1e-5)
    assert torch.allclose(per_channel.std(dim=1, unbiased=False), torch.ones(3), atol=1e-5)


def test_random_crop_takes_a_shifted_window_of_the_zero_padded_image_per_image():
    ailib.seed_everything(0)
    x = images(32)
    out = RandomCrop(padding=2)(x)
    assert out.shape == x.shape and out.dtype == x.dtype
    padded = torch.nn.functional.pad(x, (2, 2, 2, 2))
    offsets = []
    for i in range(len(x)):
        matches = [(t, l) for t in range(5) for l in range(5) if torch.equal(out[i], padded[i, :, t:t + 8, l:l + 8])]
        assert matches, f"image {i} is not a window of its padded image"
        offsets.append(matches[0])
    assert len(set(offsets)) > 5  # 이미지마다 위치를 따로 뽑는다
    assert torch.equal(RandomCrop(padding=0)(x), x)


def test_horizontal_flip_flips_each_image_or_leaves_it():
    ailib.seed_everything(0)
    x = images(64)
    assert torch.equal(RandomHorizontalFlip(p=1.0)(x), x.flip(-1))
    assert torch.equal(RandomHorizontalFlip(p=0.0)(x), x)
    out = RandomHorizontalFlip(p=0.5)(x)
    flipped = [torch.equal(o, xi.flip(-1)) for o, xi in zip(out, x)]
    kept = [torch.equal(o, xi) for o, xi in zip(out, x)]
    assert all(f or k for f, k in zip(flipped, kept))
    assert 10 < sum(flipped) < 54


def test_resize_changes_the_size_and_keeps_a_flat_image_flat():
    flat = torch.full((2, 3, 32, 32), 0.25)
    big = Resize(224)(flat)
    assert big.shape == (2, 3, 224, 224) and torch.allclose(big, torch.full_like(big, 0.25))
    assert Resize(64)(images(2, size=32)).dtype == torch.float32   # uint8은 0~1 실수로 바꿔서 늘린다
    x = torch.rand(2, 3, 16, 16)
    assert Resize(16)(x) is x


def test_compose_applies_the_steps_in_order():
    x = images(4)
    pipeline = Compose([to_float, RandomHorizontalFlip(p=1.0), Normalize([0.5] * 3, [0.25] * 3)])
    assert torch.allclose(pipeline(x), (to_float(x).flip(-1) - 0.5) / 0.25)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="GPU가 없다 (no CUDA device)")
def test_the_pipeline_runs_on_the_gpu():
    x = images(8).cuda()
    out = Compose([to_float, RandomCrop(4), RandomHorizontalFlip(), Normalize(*channel_mean_std(x))])(x)
    assert out.device.type == "cuda" and out.shape == x.shape


@pytest.mark.parametrize("call, message", [
    (lambda: RandomCrop(4)(torch.zeros(3, 8, 8)), "unsqueeze"),
    (lambda: RandomCrop(-1), "padding"),
    (lambda: RandomHorizontalFlip(p=1.5), "probability"),
    (lambda: Resize(0), "positive integer"),
    (lambda: Normalize([0.5, 0.5], [0.2, 0.0]), "positive"),
    (lambda: Normalize([0.5] * 3, [0.2] * 3)(torch.zeros(2, 1, 4, 4)), "channels"),
    (lambda: Normalize([0.5] * 3, [0.2] * 3)(images(2)), "to_float"),
    (lambda: channel_mean_std(torch.zeros(0, 3, 4, 4)), "empty"),
])
def test_bad_input_gives_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
