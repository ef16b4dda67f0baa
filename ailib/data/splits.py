"""데이터 나눔(split) 이름 확인: 틀리면 쓸 수 있는 이름을 알려 준다."""
from __future__ import annotations


def check_split(dataset: str, split: str, valid: tuple[str, ...]) -> None:
    """split이 valid 중 하나가 아니면 ValueError."""
    if split not in valid:
        names = ", ".join(repr(name) for name in valid)
        raise ValueError(
            f"{dataset}에는 {split!r}이라는 나눔(split)이 없습니다. {names} 중 하나를 쓰세요. "
            f"({dataset} has no split {split!r}; use one of {names}.)"
        )
