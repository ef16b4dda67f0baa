import math

import pytest
import torch

from ailib.train.batches import TensorBatches
from ailib.models.gan import Discriminator, Generator, discriminator_loss, generator_loss, train_gan_epoch
from training_steps import steps_lower_the_loss


def test_generator_and_discriminator_shapes():
    generator, discriminator = Generator(latent_dim=16, width=8), Discriminator(width=8)
    fake = generator(torch.randn(4, 16))
    assert fake.shape == (4, 1, 28, 28) and -1 <= fake.min() and fake.max() <= 1
    assert discriminator(fake).shape == (4,)


def test_losses_match_their_formulas():
    logits = torch.tensor([0.0, 2.0])
    d = torch.sigmoid(logits)
    expected_d = -(torch.log(d).mean() + torch.log(1 - d.flip(0)).mean())
    assert discriminator_loss(logits, logits.flip(0)).item() == pytest.approx(expected_d.item(), rel=1e-5)
    assert generator_loss(torch.zeros(3)).item() == pytest.approx(math.log(2), rel=1e-6)


def test_one_step_lowers_each_loss():
    torch.manual_seed(0)
    generator, discriminator = Generator(latent_dim=8, width=4), Discriminator(width=4)
    real = torch.rand(16, 1, 28, 28) * 2 - 1
    noise = torch.randn(16, 8)
    steps_lower_the_loss(discriminator.parameters(),
                         lambda: discriminator_loss(discriminator(real), discriminator(generator(noise).detach())))
    steps_lower_the_loss(generator.parameters(), lambda: generator_loss(discriminator(generator(noise))))


def test_train_gan_epoch_updates_both_networks_and_reports_means():
    torch.manual_seed(0)
    generator, discriminator = Generator(latent_dim=8, width=4), Discriminator(width=4)
    g_before = [p.clone() for p in generator.parameters()]
    d_before = [p.clone() for p in discriminator.parameters()]
    real = torch.rand(32, 1, 28, 28) * 2 - 1
    batches = TensorBatches(real, torch.zeros(32), 8, shuffle=True, device="cpu")
    record = train_gan_epoch(generator, discriminator, (x for x, _ in batches),
                             torch.optim.Adam(generator.parameters(), 1e-3),
                             torch.optim.Adam(discriminator.parameters(), 1e-3))
    assert set(record) == {"d_loss", "g_loss", "d_real", "d_fake"}
    assert 0 < record["d_real"] < 1 and 0 < record["d_fake"] < 1 and record["d_loss"] > 0
    assert any(not torch.equal(a, b) for a, b in zip(g_before, generator.parameters()))
    assert any(not torch.equal(a, b) for a, b in zip(d_before, discriminator.parameters()))
    with pytest.raises(ValueError, match="no batches"):
        train_gan_epoch(generator, discriminator, [], torch.optim.SGD(generator.parameters(), 0.1),
                        torch.optim.SGD(discriminator.parameters(), 0.1))


def test_d_steps_takes_that_many_discriminator_steps_per_batch():
    torch.manual_seed(0)
    generator, discriminator = Generator(latent_dim=8, width=4), Discriminator(width=4)
    real = torch.rand(16, 1, 28, 28) * 2 - 1
    d_optimizer = torch.optim.Adam(discriminator.parameters(), 1e-3)
    g_optimizer = torch.optim.Adam(generator.parameters(), 1e-3)
    train_gan_epoch(generator, discriminator, real.split(8), g_optimizer, d_optimizer, d_steps=3)
    assert d_optimizer.state_dict()["state"][0]["step"].item() == 2 * 3    # 배치 2개 × 3걸음
    assert g_optimizer.state_dict()["state"][0]["step"].item() == 2
    with pytest.raises(ValueError, match="at least 1"):
        train_gan_epoch(generator, discriminator, real.split(8), g_optimizer, d_optimizer, d_steps=0)
