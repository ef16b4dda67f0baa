"""모델 요약: 파라미터 수, 그리고 입력 하나를 실제로 통과시키며 전방 훅(forward hook)으로 적는 층별 출력 모양 표."""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import torch
from torch import nn


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    """파라미터(가중치와 편향) 개수. trainable_only=True면 학습할(얼지 않은) 것만 센다."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def shape_table(model: nn.Module, inputs: torch.Tensor,
                layers: Mapping[str, nn.Module] | None = None) -> pd.DataFrame:
    """`layers`(기본: 모델의 바로 아래 자식들)가 불릴 때마다 한 줄씩: 층 이름, 종류, 출력 모양, 파라미터 수.

    출력 모양은 배치 차원을 뺀 (C, H, W) 또는 (특성 수,)다. 같은 층이 두 번 불리면 두 줄이 된다.
    """
    layers = dict(model.named_children()) if layers is None else dict(layers)
    if not layers:
        raise ValueError("표에 적을 층이 없습니다. (The model has no layers to list.)")
    rows: list[dict[str, object]] = []

    def hook(name: str):
        def record(module: nn.Module, _inputs, output: torch.Tensor) -> None:
            rows.append({"층": name, "종류": type(module).__name__, "출력 모양": tuple(output.shape[1:]),
                         "파라미터 수": count_parameters(module)})
        return record

    handles = [module.register_forward_hook(hook(name)) for name, module in layers.items()]
    was_training = model.training
    try:
        model.eval()
        with torch.no_grad():
            model(inputs)
    finally:
        for handle in handles:
            handle.remove()
        model.train(was_training)
    return pd.DataFrame(rows)
