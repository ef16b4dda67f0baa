"""실행 예산(budget): `AILIB_PROFILE` = quick | full.

`full`은 강의의 실제 하이퍼파라미터, `quick`은 2코어 CPU에서도 책 전체가 실행되도록
에폭과 데이터 크기를 줄인 예산이다. 값을 주지 않으면 GPU가 있을 때 `full`, 없으면 `quick`.
"""
from __future__ import annotations

import os
from typing import TypeVar

import torch

PROFILES = ("quick", "full")
ENV_VAR = "AILIB_PROFILE"

T = TypeVar("T")


class ProfileError(ValueError):
    """알 수 없는 예산 이름."""


def current_profile() -> str:
    """지금 쓰는 예산 이름('quick' 또는 'full')."""
    value = os.environ.get(ENV_VAR, "").strip().lower()
    if not value:
        return "full" if torch.cuda.is_available() else "quick"
    if value not in PROFILES:
        valid = ", ".join(PROFILES)
        raise ProfileError(
            f"{ENV_VAR}={value!r}은(는) 알 수 없는 예산입니다. {valid} 중 하나로 설정하세요. "
            f"(Unknown {ENV_VAR} {value!r}; set it to one of: {valid}.)"
        )
    return value


def budget(*, quick: T, full: T) -> T:
    """현재 예산에 맞는 값을 고른다. 예: `epochs = budget(quick=2, full=20)`."""
    return quick if current_profile() == "quick" else full


def describe_profile() -> str:
    """장의 첫 셀이 보여 줄 한 줄 안내문."""
    name = current_profile()
    other = "full" if name == "quick" else "quick"
    source = "환경 변수로 지정" if os.environ.get(ENV_VAR) else "자동 선택"
    return (
        f"실행 예산(budget): {name} ({source})\n"
        f"바꾸려면: 노트북을 시작하기 전에 환경 변수 {ENV_VAR}={other} 설정"
    )
