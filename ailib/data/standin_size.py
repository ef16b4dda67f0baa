"""대체 데이터의 크기: 기본은 작게, `AILIB_STANDIN_SIZE=real`이면 실제 데이터와 같은 개수로.

`real`은 시간 측정용이다(benchmarks/full_budget.py): 실제 데이터를 받을 수 없는 곳에서도 full 예산의
학습이 실제 크기에서 얼마나 걸리는지 잰다. 책의 내용은 기본 크기에서 쓴다.
"""
from __future__ import annotations

import os

import torch

ENV_VAR = "AILIB_STANDIN_SIZE"
SIZES = ("small", "real")


def real_size_standins() -> bool:
    """`AILIB_STANDIN_SIZE=real`이면 True (지정하지 않으면 small)."""
    value = os.environ.get(ENV_VAR, "").strip().lower() or "small"
    if value not in SIZES:
        raise ValueError(
            f"{ENV_VAR}={value!r}은(는) 알 수 없는 값입니다. small(기본) 또는 real로 설정하세요. "
            f"({ENV_VAR}={value!r} is not valid; use small (default) or real.)"
        )
    return value == "real"


def standin_count(small: int, real: int) -> int:
    """대체 데이터를 몇 개 만들지: 기본은 small, `AILIB_STANDIN_SIZE=real`이면 real."""
    return real if real_size_standins() else small


def resample_images(images: torch.Tensor, labels: torch.Tensor, count: int,
                    seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """그림을 되풀이해 count장으로 늘린다. 같은 그림이 겹치지 않게 한 장씩 최대 2픽셀 옮긴다."""
    generator = torch.Generator().manual_seed(seed)
    index = torch.randint(len(images), (count,), generator=generator)
    shifts = torch.randint(-2, 3, (count, 2), generator=generator)
    moved = torch.empty((count, *images.shape[1:]), dtype=images.dtype)
    for (dy, dx) in shifts.unique(dim=0).tolist():
        chosen = ((shifts[:, 0] == dy) & (shifts[:, 1] == dx)).nonzero().squeeze(1)
        moved[chosen] = images[index[chosen]].roll((dy, dx), dims=(-2, -1))
    return moved, labels[index]
