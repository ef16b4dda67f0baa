"""ImageNet으로 미리 학습한 VGG16 가중치 (torchvision `VGG16_Weights.IMAGENET1K_V1`과 같은 파일).

구할 수 없으면 None을 돌려주고 크게 알린다. 그러면 모델은 무작위 초기화 상태로 학습하게 되므로,
전이 학습(transfer learning)의 효과는 실제 가중치에서만 볼 수 있다.
"""
from __future__ import annotations

import torch

from ailib.data.download import RemoteFile, fetch
from ailib.data.offline import real_or_standin

VGG16_IMAGENET = RemoteFile(  # torchvision이 파일 이름에 SHA-256의 앞 8자리(397923af)를 적어 둔 그 파일
    "vgg16/vgg16-397923af.pth", "https://download.pytorch.org/models/vgg16-397923af.pth",
    "397923af8e79cdbb6a7127f12361acd7a2f83e06b05044ddf496e83de57a5bf0",
)


def vgg16_weights() -> dict[str, torch.Tensor] | None:
    """torchvision vgg16의 state_dict(ImageNet 학습), 구할 수 없으면 None."""
    return real_or_standin(
        "vgg16",
        lambda: torch.load(fetch(VGG16_IMAGENET), map_location="cpu", weights_only=True),
        lambda: None,
        label="VGG16 ImageNet 가중치",
        standin_name="없음 — 미리 학습한 가중치 없이 무작위 초기화로 진행하므로 전이 학습의 이점이 나타나지 않습니다",
    )
