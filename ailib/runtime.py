"""실행 환경: 책 빌드 표시, 장치 선택과 난수 고정 (book-build flag, device choice and seeding)."""
from __future__ import annotations

import os
import random
from pathlib import Path

import numpy as np
import torch

BOOK_BUILD_ENV = "AILIB_BOOK_BUILD"   # 책 빌드 확장(book/_ext/kernel_env.py)이 커널에 "1"로 물려준다


def in_book_build() -> bool:
    """책 빌드(jupyter-book) 중에 실행되고 있는가: 진행 막대 대신 짧은 줄을 쓰고, 표준 오류에 쓰지 않는다."""
    return os.environ.get(BOOK_BUILD_ENV) == "1"


def device() -> torch.device:
    """쓸 수 있는 가장 빠른 장치: CUDA, 그다음 Apple MPS, 마지막으로 CPU."""
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def available_cpus(cgroup_cpu_max: Path = Path("/sys/fs/cgroup/cpu.max")) -> int:
    """이 프로세스가 실제로 쓸 수 있는 CPU 수: 허용된 코어(affinity)와 컨테이너의 CPU 할당량(cgroup) 중 작은 값."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        quota, period = cgroup_cpu_max.read_text().split()
        if quota != "max":
            cpus = min(cpus, max(1, int(quota) // int(period)))
    except (OSError, ValueError):
        pass  # cgroup v2가 없는 환경(macOS, Windows, 오래된 리눅스): 할당량 없음
    return cpus


def limit_cpu_threads() -> None:
    """PyTorch의 CPU 스레드가 쓸 수 있는 CPU보다 많으면 줄인다 (스레드가 코어를 두고 다투면 몇 배 느려진다)."""
    if torch.get_num_threads() > available_cpus():
        torch.set_num_threads(available_cpus())


def seed_everything(seed: int = 0) -> None:
    """Python, NumPy, PyTorch(CUDA 포함)의 난수를 한 번에 고정한다."""
    if not isinstance(seed, int) or seed < 0:
        raise ValueError(
            f"seed는 0 이상의 정수여야 합니다. 받은 값: {seed!r} "
            f"(seed must be a non-negative integer, got {seed!r})"
        )
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)  # CPU와 모든 CUDA 장치를 함께 고정한다
    os.environ["PYTHONHASHSEED"] = str(seed)
    # 값싼 결정론 설정만 켠다: cuDNN이 매번 같은 알고리즘을 고르게 한다.
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False
