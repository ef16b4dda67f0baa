"""모든 장의 첫 셀: 난수 고정, 한글 글꼴, 실행 예산과 장치 안내."""
from __future__ import annotations

from ailib.profile import describe_profile
from ailib.runtime import device, seed_everything


def setup_chapter(seed: int = 0) -> None:
    """장을 시작할 때 한 번 부른다. 같은 seed면 같은 결과가 나온다."""
    from ailib.plotting import use_korean_font

    seed_everything(seed)
    use_korean_font()
    print(describe_profile())
    print(f"장치(device): {device()}")
