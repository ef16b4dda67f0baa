"""층별 기울기 크기 재기: 역전파 한 번으로 층마다 ‖∂L/∂W‖, 그리고 시그모이드의 도함수."""
from __future__ import annotations

from collections.abc import Callable

import torch
import torch.nn.functional as F

from ailib.models.deep_mlp import DeepMLP

Loss = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]


def layer_gradient_norms(model: DeepMLP, inputs: torch.Tensor,
                         targets: torch.Tensor,
                         loss_fn: Loss = F.cross_entropy) -> torch.Tensor:
    """배치 하나로 역전파하고, 입력 쪽 층부터 ‖∂L/∂W‖를 돌려준다."""
    model.zero_grad(set_to_none=True)
    loss_fn(model(inputs), targets).backward()
    norms = [layer.weight.grad.norm() for layer in model.linear_layers()]
    model.zero_grad(set_to_none=True)
    return torch.stack(norms).detach()


def sigmoid_derivative(x: torch.Tensor) -> torch.Tensor:
    """σ'(x) = σ(x)(1 − σ(x)). x = 0에서 가장 크고 그 값은 0.25다."""
    s = torch.sigmoid(x)
    return s * (1 - s)
