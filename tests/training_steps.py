"""모델 시험들이 함께 쓰는 확인: 최적화 몇 걸음이 손실을 낮춘다 (a few optimiser steps lower the loss)."""
from collections.abc import Callable, Iterable

import torch


def steps_lower_the_loss(parameters: Iterable[torch.nn.Parameter], loss: Callable[[], torch.Tensor], *,
                         steps: int = 1, lr: float = 1e-3,
                         optimizer: type[torch.optim.Optimizer] = torch.optim.Adam) -> tuple[float, float]:
    """`loss()`(매번 새로 계산)에 대해 `steps`번 걸은 뒤, 걸음 전보다 손실이 낮은지 확인한다.

    돌려주는 값은 (걸음 전 손실, 걸음 뒤 손실): 더 강한 조건(예: 절반 아래)은 부르는 쪽이 확인한다.
    """
    step = optimizer(list(parameters), lr=lr)
    with torch.no_grad():
        before = loss().item()
    for _ in range(steps):
        step.zero_grad()
        loss().backward()
        step.step()
    with torch.no_grad():
        after = loss().item()
    assert after < before, f"{steps}걸음 뒤에도 손실이 낮아지지 않았다: {before:.4g} → {after:.4g}"
    return before, after
