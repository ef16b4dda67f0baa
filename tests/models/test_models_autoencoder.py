import math

import pytest
import torch
from torch import nn

from ailib.train.metrics import psnr
from ailib.models.autoencoder import Autoencoder
from training_steps import steps_lower_the_loss


def test_autoencoder_shapes_and_range():
    model = Autoencoder(latent_dim=2)
    images = torch.rand(5, 1, 28, 28)
    assert model.encode(images).shape == (5, 2)
    output = model(images)
    assert output.shape == (5, 1, 28, 28) and 0 <= output.min() and output.max() <= 1
    assert model.decode(torch.zeros(3, 2)).shape == (3, 1, 28, 28)


def test_autoencoder_rejects_bad_input():
    with pytest.raises(ValueError, match=r"\(N, 1, 28, 28\)"):
        Autoencoder()(torch.zeros(2, 28, 28))
    with pytest.raises(ValueError, match="at least 1"):
        Autoencoder(latent_dim=0)


def test_one_step_lowers_the_reconstruction_loss():
    torch.manual_seed(0)
    clean = torch.zeros(16, 1, 28, 28)
    clean[:, :, 8:20, 12:16] = 1.0
    noisy = (clean + 0.3 * torch.randn_like(clean)).clamp(0, 1)
    model = Autoencoder(latent_dim=8)
    steps_lower_the_loss(model.parameters(), lambda: nn.functional.mse_loss(model(noisy), clean))


def test_psnr_on_known_values():
    target = torch.zeros(2, 1, 4, 4)
    assert psnr(target + 0.1, target).item() == pytest.approx(20.0, abs=1e-4)   # MSE 0.01 → 20 dB
    assert psnr(target + 1.0, target).item() == pytest.approx(0.0, abs=1e-6)
    assert psnr(target + 25.5, target, max_value=255).item() == pytest.approx(20.0, abs=1e-4)
    half = target.clone()
    half[0] = 0.5                                                                # MSE 0.125
    assert psnr(half, target).item() == pytest.approx(10 * math.log10(8), abs=1e-4)
    with pytest.raises(ValueError, match="shapes differ"):
        psnr(torch.zeros(2, 2), torch.zeros(2, 3))
