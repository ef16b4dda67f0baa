"""기울기 소실(vanishing gradient) 실험의 모델: 깊은 MLP와, 층마다 지름길을 더한 그 쌍둥이.

합성곱 잔차 블록과 CIFAR ResNet은 `ailib.models.resnet`에 있다. 여기의 `SkipLinear`는 실험용으로
완전연결층 하나에 지름길을 더한 가장 작은 블록이다 (모양이 바뀌지 않으므로 다운샘플이 없다).
"""
from __future__ import annotations

import torch
from torch import nn

ACTIVATIONS: dict[str, type[nn.Module]] = {"sigmoid": nn.Sigmoid, "relu": nn.ReLU}


class PlainLinear(nn.Module):
    """평범한 층: 활성화(Linear(x))."""

    def __init__(self, width: int, activation: str) -> None:
        super().__init__()
        self.linear = nn.Linear(width, width)
        self.act = ACTIVATIONS[activation]()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.linear(x))


class SkipLinear(PlainLinear):
    """스킵 연결을 더한 층: f(x) + x. f는 PlainLinear와 같고, 더한 뒤에는 활성화를 거치지 않는다."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return super().forward(x) + x


class DeepMLP(nn.Module):
    """입력 → Linear(in, width) → 은닉층 `depth`개 → Linear(width, out).

    `skip=False`면 은닉층이 `PlainLinear`, `skip=True`면 같은 모양의 `SkipLinear`다. 두 모델은
    파라미터 수가 같고, 차이는 지름길(+ x)뿐이다.
    """

    def __init__(self, in_features: int, width: int, depth: int, out_features: int, *,
                 activation: str = "relu", skip: bool = False) -> None:
        super().__init__()
        if activation not in ACTIVATIONS:
            names = ", ".join(ACTIVATIONS)
            raise ValueError(f"activation은 {names} 중 하나입니다: {activation!r} "
                             f"(activation must be one of: {names})")
        if min(in_features, width, depth, out_features) < 1:
            raise ValueError(f"크기와 깊이는 1 이상이어야 합니다: in={in_features}, width={width}, "
                             f"depth={depth}, out={out_features} (sizes and depth must be >= 1)")
        block = SkipLinear if skip else PlainLinear
        self.stem = nn.Sequential(nn.Flatten(), nn.Linear(in_features, width), ACTIVATIONS[activation]())
        self.blocks = nn.Sequential(*(block(width, activation) for _ in range(depth)))
        self.head = nn.Linear(width, out_features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.blocks(self.stem(x)))

    def linear_layers(self) -> list[nn.Linear]:
        """입력 쪽부터 순서대로 모든 완전연결층 (첫 층, 은닉층들, 출력층)."""
        return [m for m in self.modules() if isinstance(m, nn.Linear)]
