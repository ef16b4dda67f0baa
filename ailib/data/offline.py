"""실제 데이터냐 대체 데이터(stand-in)냐: `AILIB_OFFLINE` 정책과 안내문.

- `AILIB_OFFLINE=1`: 네트워크를 건드리지 않고 대체 데이터를 쓴다 (CI, 오프라인 독자).
- `AILIB_OFFLINE=0`: 실제 데이터만 쓴다. 구할 수 없으면 DataUnavailable (출판용 빌드).
- 설정하지 않음: 실제 데이터를 시도하고, 안 되면 대체 데이터로 바꾸고 그 사실을 한 줄로 알린다.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

OFFLINE_ENV = "AILIB_OFFLINE"
FORCE_STANDIN = "force-standin"    # AILIB_OFFLINE=1
REQUIRE_REAL = "require-real"      # AILIB_OFFLINE=0
TRY_REAL = "try-real"              # 설정하지 않음

T = TypeVar("T")

_standin_used: dict[str, bool] = {}


class DataUnavailable(RuntimeError):
    """실제 데이터를 구할 수 없다 (AILIB_OFFLINE=0이면 이 오류로 멈춘다)."""


def offline_mode() -> str:
    """`AILIB_OFFLINE` 값에 따른 정책."""
    value = os.environ.get(OFFLINE_ENV, "").strip()
    modes = {"1": FORCE_STANDIN, "0": REQUIRE_REAL, "": TRY_REAL}
    if value not in modes:
        raise ValueError(
            f"{OFFLINE_ENV}={value!r}은(는) 알 수 없는 값입니다. 1(대체 데이터), 0(실제 데이터만) 중 하나로 "
            f"설정하거나 지우세요. ({OFFLINE_ENV}={value!r} is not valid; use 1, 0, or leave it unset.)"
        )
    return modes[value]


def real_or_standin(dataset: str, real: Callable[[], T], standin: Callable[[], T], *,
                    label: str, standin_name: str) -> T:
    """정책에 따라 real()이나 standin()의 결과를 돌려준다. 대체 데이터면 안내문을 한 줄 출력한다.

    dataset은 used_standin()에 쓰는 이름("mnist"), label은 안내문에 쓰는 이름("MNIST")이다.
    """
    mode = offline_mode()
    if mode == FORCE_STANDIN:
        return _use_standin(dataset, standin, label, standin_name, f"{OFFLINE_ENV}=1로 설정되어 있습니다")
    try:
        result = real()
    except DataUnavailable as error:
        if mode == REQUIRE_REAL:
            raise
        return _use_standin(dataset, standin, label, standin_name, _reason(error))
    _standin_used[dataset] = False
    return result


def used_standin(dataset: str) -> bool:
    """이 프로세스에서 마지막으로 불러온 dataset("mnist", "cifar10", …)이 대체 데이터였는가.

    예: 그림에 붙일 클래스 이름을 고를 때 `used_standin("cifar10")`.
    """
    if dataset not in _standin_used:
        loaded = ", ".join(sorted(_standin_used)) or "없음 / none"
        raise KeyError(
            f"{dataset!r}은(는) 아직 불러오지 않았습니다. 불러온 데이터: {loaded}. "
            f"({dataset!r} has not been loaded yet; loaded so far: {loaded}.)"
        )
    return _standin_used[dataset]


def _use_standin(dataset: str, standin: Callable[[], T], label: str, standin_name: str, reason: str) -> T:
    print(
        f"[데이터 안내] {label}: 실제 데이터 대신 대체 데이터({standin_name})를 씁니다. 이유: {reason}. "
        f"실제 데이터를 쓰려면 인터넷에 연결한 뒤 {OFFLINE_ENV}을(를) 지우고 다시 실행하세요.",
        flush=True,
    )
    _standin_used[dataset] = True
    return standin()


def _reason(error: DataUnavailable) -> str:
    """오류 메시지의 첫 문장(한국어)만."""
    first = str(error).split(". ")[0]
    return first if len(first) <= 240 else first[:237] + "..."
