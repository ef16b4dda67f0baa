import torch

from ailib.data import add_noise


def test_same_seed_adds_the_same_noise_and_clips_to_the_pixel_range():
    images = torch.rand(3, 1, 28, 28)
    noisy = add_noise(images, std=0.3, seed=5)
    assert torch.equal(noisy, add_noise(images, std=0.3, seed=5))
    assert not torch.equal(noisy, add_noise(images, std=0.3, seed=6))
    assert noisy.min() >= 0 and noisy.max() <= 1
    grey = torch.full((100, 1, 28, 28), 0.5)
    assert 0.0095 < (add_noise(grey, std=0.01) - grey).std() < 0.0105      # 자를 일이 없으면 잡음 그대로


def test_noise_on_the_0_255_scale_turns_every_inked_pixel_white():
    """교재의 잡음: 0~255 픽셀에 σ = 0.3을 더하고 [0, 1]로 자르면 잉크(0.01 이상)는 모두 정확히 1."""
    images = torch.zeros(4, 1, 28, 28)
    images[:, :, 10:18, 12:16] = torch.linspace(0.01, 1.0, 32).view(8, 4)
    textbook = add_noise(images * 255, std=0.3, seed=0)
    correct = add_noise(images, std=0.3, seed=0)
    ink = images > 0
    assert (textbook[ink] == 1).all()
    assert (correct[ink] == 1).float().mean() < 0.5
    assert torch.equal(textbook[~ink], correct[~ink])       # 배경(0)에서는 두 방식이 같다
