"""MNIST 오토인코더(autoencoder): 인코더 → 병목(bottleneck) → 디코더. 잡음 제거에도, 2차원 잠재 공간에도 쓴다.

인코더는 28×28 이미지를 합성곱(스트라이드 2) 두 번으로 64×7×7까지 줄이고 완전연결층으로 `latent_dim`개의
숫자(잠재 벡터)로 압축한다. 디코더는 그 반대 순서로 완전연결층 → 전치 합성곱 두 번으로 28×28을 되살린다.
마지막 시그모이드가 출력을 픽셀 값의 범위 [0, 1]에 맞춘다.
"""
from __future__ import annotations

import torch
from torch import nn

IMAGE_SHAPE = (1, 28, 28)
_FEATURES = (64, 7, 7)


class Autoencoder(nn.Module):
    """`encode`: (N, 1, 28, 28) → (N, latent_dim), `decode`: (N, latent_dim) → (N, 1, 28, 28) ∈ [0, 1]."""

    def __init__(self, latent_dim: int = 32) -> None:
        super().__init__()
        if latent_dim < 1:
            raise ValueError(f"latent_dim은 1 이상이어야 합니다: {latent_dim} (latent_dim must be at least 1)")
        flat = _FEATURES[0] * _FEATURES[1] * _FEATURES[2]
        self.latent_dim = latent_dim
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 32, 3, stride=2, padding=1), nn.ReLU(),       # 28 → 14
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(),      # 14 → 7
            nn.Flatten(), nn.Linear(flat, latent_dim),                 # 병목
        )
        self.decoder = nn.Sequential(
            nn.Linear(latent_dim, flat), nn.ReLU(), nn.Unflatten(1, _FEATURES),
            nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1), nn.ReLU(),  # 7 → 14
            nn.ConvTranspose2d(32, 1, 4, stride=2, padding=1), nn.Sigmoid(),  # 14 → 28
        )

    def encode(self, images: torch.Tensor) -> torch.Tensor:
        if images.ndim != 4 or tuple(images.shape[1:]) != IMAGE_SHAPE:
            raise ValueError(
                f"Autoencoder는 (N, 1, 28, 28) 이미지 배치를 받습니다. 받은 모양: {tuple(images.shape)} "
                f"(Autoencoder expects a batch of shape (N, 1, 28, 28))"
            )
        return self.encoder(images)

    def decode(self, codes: torch.Tensor) -> torch.Tensor:
        return self.decoder(codes)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.decode(self.encode(images))
