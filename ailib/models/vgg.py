"""VGG16과 전이학습: torchvision의 VGG16을 만들고(사전학습 가중치가 있으면 싣고) 머리를 바꾸고 얼린다.

VGG16 = 특징 추출기(features: 3×3 합성곱 13개 + 최대 풀링 5개) → 평균 풀링(7×7) → 분류기(classifier:
완전연결층 3개). 가중치가 있는 층이 13 + 3 = 16개라서 VGG16이다.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import torch
from torch import nn
from torchvision.models import VGG
from torchvision.models import vgg16 as torchvision_vgg16

from ailib.data import vgg16_weights
from ailib.models.summary import count_parameters

IMAGENET_INPUT_SIZE = 224                # 사전학습 때 본 이미지 크기 224×224
IMAGENET_MEAN = (0.485, 0.456, 0.406)    # 사전학습 때 쓴 RGB 정규화 값 (0~1 척도)
IMAGENET_STD = (0.229, 0.224, 0.225)


def build_vgg16(num_classes: int = 10, *, pretrained: bool = True, freeze_features: bool = False) -> VGG:
    """VGG16을 만들어 마지막 층을 `num_classes`개 출력으로 바꾼다.

    pretrained=True면 ImageNet으로 학습한 가중치를 싣는다. 가중치를 구할 수 없으면(오프라인 등) 크게
    알리고(`ailib.data.vgg16_weights`) 무작위 초기화로 계속한다. freeze_features=True면 특징 추출기를 얼려 분류기만 학습한다.
    """
    if not isinstance(num_classes, int) or num_classes < 2:
        raise ValueError(f"num_classes는 2 이상의 정수여야 합니다: {num_classes!r} "
                         f"(num_classes must be an integer >= 2)")
    model = torchvision_vgg16(weights=None)
    if pretrained:
        state = vgg16_weights()  # 없으면 None (안내는 불러오기가 한 번 한다)
        if state is not None:
            model.load_state_dict(state)
    replace_head(model, num_classes)
    if freeze_features:
        freeze(model.features)
    return model


def replace_head(model: VGG, num_classes: int) -> None:
    """분류기의 마지막 층(4096 → 1000)을 새로 초기화한 층(4096 → num_classes)으로 바꾼다."""
    last = model.classifier[-1]
    model.classifier[-1] = nn.Linear(last.in_features, num_classes)


def freeze(module: nn.Module) -> None:
    """모듈의 모든 가중치를 얼린다(requires_grad=False): 기울기를 계산하지 않고 갱신되지도 않는다."""
    for parameter in module.parameters():
        parameter.requires_grad_(False)


def extract_features(model: VGG,
                     batches: Iterable[tuple[torch.Tensor, torch.Tensor]]) -> tuple[torch.Tensor, torch.Tensor]:
    """배치를 특징 추출기(features)에 한 번씩 통과시켜 (특징, 정답)을 모은다. 기울기는 계산하지 않는다.

    마지막 특징 맵(512채널)을 채널마다 평균 내므로(전역 평균 풀링) 입력 크기와 상관없이 이미지 한 장이
    512개 숫자가 된다. 결과는 CPU 텐서다.
    """
    device = next(model.parameters()).device
    features, targets = [], []
    with torch.no_grad():
        for inputs, labels in batches:
            maps = model.features(inputs.to(device))
            features.append(maps.mean(dim=(2, 3)).cpu())
            targets.append(labels.cpu())
    return torch.cat(features), torch.cat(targets)


def layer_table(model: VGG, image_size: int = IMAGENET_INPUT_SIZE) -> pd.DataFrame:
    """층마다 블록, 층 설명, 출력 텐서 모양 (C, H, W), 파라미터 수를 적은 표. 이미지 한 장을 실제로 통과시킨다."""
    if image_size < 32:
        raise ValueError(f"VGG16은 최대 풀링 다섯 번으로 크기가 1/32이 되므로 32 이상의 크기가 필요합니다: "
                         f"{image_size} (VGG16 needs images of at least 32×32)")
    rows = []
    x = torch.zeros(1, 3, image_size, image_size, device=next(model.parameters()).device)
    block = 1
    with torch.no_grad():
        for layer in model.features:
            x = layer(x)
            rows.append(_row(f"블록 {block}", layer, x))
            block += isinstance(layer, nn.MaxPool2d)
        x = model.avgpool(x)
        rows.append(_row("평균 풀링", model.avgpool, x))
        x = torch.flatten(x, 1)
        for layer in model.classifier:
            x = layer(x)
            rows.append(_row("분류기", layer, x))
    return pd.DataFrame(rows)


def _row(block: str, layer: nn.Module, output: torch.Tensor) -> dict[str, object]:
    return {"블록": block, "층": _describe(layer), "출력 모양": tuple(output.shape[1:]),
            "파라미터 수": count_parameters(layer)}


def _describe(layer: nn.Module) -> str:
    if isinstance(layer, nn.Conv2d):
        return f"Conv2d {layer.in_channels}→{layer.out_channels}, {layer.kernel_size[0]}×{layer.kernel_size[1]}"
    if isinstance(layer, nn.Linear):
        return f"Linear {layer.in_features}→{layer.out_features}"
    if isinstance(layer, nn.MaxPool2d):
        return f"MaxPool {layer.kernel_size}×{layer.kernel_size}"
    if isinstance(layer, nn.AdaptiveAvgPool2d):
        return f"AdaptiveAvgPool → {layer.output_size[0]}×{layer.output_size[1]}"
    if isinstance(layer, nn.Dropout):
        return f"Dropout(p={layer.p})"
    return type(layer).__name__
