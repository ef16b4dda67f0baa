"""MNIST용 DCGAN: 잡음 벡터로 숫자 그림을 만드는 생성자(generator)와 진짜·가짜를 가리는 판별자(discriminator).

DCGAN(Radford 외, 2015)의 규칙을 28×28에 맞췄다: 풀링 대신 스트라이드 2의 (전치) 합성곱, 생성자에는 배치 정규화와
ReLU, 출력은 tanh(∈ [-1, 1]), 판별자에는 LeakyReLU(0.2), 가중치는 평균 0·표준편차 0.02의 정규분포로 시작한다.
학습 데이터도 [-1, 1]로 바꿔서 쓴다: `x * 2 - 1`.
"""
from __future__ import annotations

from collections.abc import Iterable

import torch
import torch.nn.functional as F
from torch import nn


def dcgan_init(module: nn.Module) -> None:
    """DCGAN의 초기화: 합성곱 가중치 N(0, 0.02), 배치 정규화 가중치 N(1, 0.02)과 편향 0."""
    if isinstance(module, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
        nn.init.normal_(module.weight, 0.0, 0.02)
    elif isinstance(module, nn.BatchNorm2d):
        nn.init.normal_(module.weight, 1.0, 0.02)
        nn.init.zeros_(module.bias)


class Generator(nn.Sequential):
    """(N, latent_dim) 잡음 → 2·width×7×7 → width×14×14 → 1×28×28 그림 ∈ [-1, 1]."""

    def __init__(self, latent_dim: int = 64, width: int = 32) -> None:
        super().__init__(
            nn.Linear(latent_dim, 2 * width * 7 * 7, bias=False), nn.Unflatten(1, (2 * width, 7, 7)),
            nn.BatchNorm2d(2 * width), nn.ReLU(),
            nn.ConvTranspose2d(2 * width, width, 4, stride=2, padding=1, bias=False),    # 7 → 14
            nn.BatchNorm2d(width), nn.ReLU(),
            nn.ConvTranspose2d(width, 1, 4, stride=2, padding=1), nn.Tanh(),           # 14 → 28
        )
        self.latent_dim = latent_dim
        self.apply(dcgan_init)


class Discriminator(nn.Sequential):
    """(N, 1, 28, 28) 그림 → (N,) 로짓. 로짓이 클수록 '진짜'라고 본다."""

    def __init__(self, width: int = 32) -> None:
        super().__init__(
            nn.Conv2d(1, width, 4, stride=2, padding=1), nn.LeakyReLU(0.2),                # 28 → 14
            nn.Conv2d(width, 2 * width, 4, stride=2, padding=1, bias=False),               # 14 → 7
            nn.BatchNorm2d(2 * width), nn.LeakyReLU(0.2),
            nn.Flatten(), nn.Linear(2 * width * 7 * 7, 1), nn.Flatten(0),
        )
        self.apply(dcgan_init)


def discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """-[log D(x) + log(1 - D(G(z)))]의 평균: 진짜는 1, 가짜는 0으로 맞히는 이진 교차 엔트로피."""
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake


def generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    """-log D(G(z))의 평균 (포화하지 않는 생성자 손실): 판별자가 가짜를 '진짜(1)'라고 하게 만든다."""
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))


def train_gan_epoch(generator: Generator, discriminator: Discriminator, real_batches: Iterable[torch.Tensor],
                    g_optimizer: torch.optim.Optimizer, d_optimizer: torch.optim.Optimizer,
                    d_steps: int = 1) -> dict[str, float]:
    """진짜 그림 배치(∈ [-1, 1])마다 판별자 `d_steps`걸음(걸음마다 새 가짜), 생성자 한 걸음.

    에폭 평균 손실과 D의 판정을 돌려준다 (판별자 값은 배치의 마지막 판별자 걸음의 것).
    d_real = 진짜에 대한 D의 평균 확률, d_fake = 가짜에 대한 D의 평균 확률 (둘 다 0.5 근처면 팽팽하다).
    """
    if d_steps < 1:
        raise ValueError(f"d_steps는 1 이상이어야 합니다: {d_steps} (d_steps must be at least 1)")
    generator.train()
    discriminator.train()
    device = next(generator.parameters()).device
    sums = {"d_loss": 0.0, "g_loss": 0.0, "d_real": 0.0, "d_fake": 0.0}
    steps = 0
    for real in real_batches:
        real = real.to(device)
        for _ in range(d_steps):
            fake = generator(torch.randn(len(real), generator.latent_dim, device=device))
            # 1) 판별자: 진짜는 1, 가짜는 0. 가짜는 detach()해서 생성자로 기울기가 흐르지 않게 한다.
            real_logits, fake_logits = discriminator(real), discriminator(fake.detach())
            d_loss = discriminator_loss(real_logits, fake_logits)
            d_optimizer.zero_grad(set_to_none=True)
            d_loss.backward()
            d_optimizer.step()
        # 2) 생성자: 방금 갱신한 판별자가 가짜를 진짜라고 하도록.
        g_loss = generator_loss(discriminator(fake))
        g_optimizer.zero_grad(set_to_none=True)
        g_loss.backward()
        g_optimizer.step()
        values = (d_loss, g_loss, torch.sigmoid(real_logits).mean(), torch.sigmoid(fake_logits).mean())
        for key, value in zip(sums, values):
            sums[key] += value.item()
        steps += 1
    if steps == 0:
        raise ValueError("진짜 그림 배치가 하나도 없습니다. (real_batches yielded no batches.)")
    return {key: total / steps for key, total in sums.items()}
