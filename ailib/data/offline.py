"""실제 데이터냐 대체 데이터(stand-in)냐: `AILIB_OFFLINE` 정책과 안내 상자.

- `AILIB_OFFLINE=1`: 네트워크를 절대 쓰지 않는다. 데이터 폴더에 받아 둔(SHA-256이 맞는) 실제 파일은 쓰고,
  없는 것만 대체 데이터로 바꾼다 (CI, 오프라인 독자).
- `AILIB_OFFLINE=0`: 실제 데이터만 쓴다. 구할 수 없으면 DataUnavailable (출판용 빌드).
- 설정하지 않음: 실제 데이터를 시도하고(필요하면 내려받고), 안 되면 대체 데이터로 바꾼다.

대체 데이터로 바꾸면 데이터셋마다 한 번(프로세스당) 짧은 안내를 낸다: 노트북(책 빌드 포함)에서는 쪽에
보이는 안내 상자(admonition), 그 밖에서는 한 줄. 안내는 이유(일부러 오프라인, 네트워크 실패, 쓸 수 없는
데이터 폴더, …)에 맞는 할 일을 알려 준다.
"""
from __future__ import annotations

import html
import os
import sys
from collections.abc import Callable
from typing import TypeVar

OFFLINE_ENV = "AILIB_OFFLINE"
NO_NETWORK = "no-network"          # AILIB_OFFLINE=1
REQUIRE_REAL = "require-real"      # AILIB_OFFLINE=0
TRY_REAL = "try-real"              # 설정하지 않음

T = TypeVar("T")

_standin_used: dict[str, bool] = {}
_noticed: set[str] = set()


class DataUnavailable(RuntimeError):
    """실제 데이터를 구할 수 없다 (AILIB_OFFLINE=0이면 이 오류로 멈춘다).

    reason과 advice는 안내 상자에 쓰는 짧은 한국어: 무슨 일이 있었나, 독자가 무엇을 하면 되나.
    """

    reason = "실제 데이터를 구하지 못했습니다"
    advice = "인터넷에 연결한 뒤 다시 실행하세요"

    def __init__(self, message: str, *, reason: str | None = None, advice: str | None = None) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason
        if advice is not None:
            self.advice = advice


def offline_mode() -> str:
    """`AILIB_OFFLINE` 값에 따른 정책."""
    value = os.environ.get(OFFLINE_ENV, "").strip()
    modes = {"1": NO_NETWORK, "0": REQUIRE_REAL, "": TRY_REAL}
    if value not in modes:
        raise ValueError(
            f"{OFFLINE_ENV}={value!r}은(는) 알 수 없는 값입니다. 1(네트워크 없이), 0(실제 데이터만) 중 하나로 "
            f"설정하거나 지우세요. ({OFFLINE_ENV}={value!r} is not valid; use 1, 0, or leave it unset.)"
        )
    return modes[value]


def real_or_standin(dataset: str, real: Callable[[], T], standin: Callable[[], T], *,
                    label: str, standin_name: str) -> T:
    """real()의 결과를, 실제 데이터를 구할 수 없으면(정책이 허락할 때) standin()의 결과를 돌려준다.

    dataset은 used_standin()과 `python -m ailib.data`에 쓰는 이름("mnist"), label은 안내에 쓰는 이름("MNIST").
    """
    mode = offline_mode()
    try:
        result = real()
    except DataUnavailable as error:
        if mode == REQUIRE_REAL:
            raise
        _notify(dataset, label, standin_name, error)
        _standin_used[dataset] = True
        return standin()
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


def loaded_datasets() -> dict[str, bool]:
    """이 프로세스에서 불러온 데이터셋마다 마지막으로 대체 데이터였는가 (불러온 순서대로)."""
    return dict(_standin_used)


def notice_line(label: str, standin_name: str, error: DataUnavailable) -> str:
    """노트북 밖에서 쓰는 한 줄 안내."""
    return f"[데이터 안내] {label}: 대체 데이터({standin_name})를 씁니다. {error.reason}. {error.advice}."


def notice_html(label: str, standin_name: str, error: DataUnavailable) -> str:
    """노트북과 책의 쪽에 보이는 안내 상자 (Sphinx의 admonition과 같은 HTML 구조)."""
    text = [html.escape(part) for part in (label, standin_name, error.reason, error.advice)]
    advice = _code_spans(text[3])
    return (
        '<div class="admonition note ailib-standin">\n'
        f'<p class="admonition-title">데이터 안내: {text[0]} 대신 대체 데이터</p>\n'
        f"<p>여기서는 {text[0]} 대신 같은 모양의 <strong>대체 데이터</strong>({text[1]})를 씁니다. "
        "결과 숫자는 실제 데이터로 얻는 값과 다릅니다.</p>\n"
        f"<ul><li>이유: {text[2]}.</li><li>실제 데이터를 쓰려면: {advice}.</li></ul>\n"
        "</div>"
    )


def _code_spans(text: str) -> str:
    """`…`로 감싼 부분을 <code>로."""
    parts = text.split("`")
    return "".join(f"<code>{part}</code>" if i % 2 else part for i, part in enumerate(parts))


def _notify(dataset: str, label: str, standin_name: str, error: DataUnavailable) -> None:
    """데이터셋마다 한 번: 노트북이면 안내 상자, 아니면 한 줄."""
    if dataset in _noticed:
        return
    _noticed.add(dataset)
    line = notice_line(label, standin_name, error)
    shell = sys.modules["IPython"].get_ipython() if "IPython" in sys.modules else None
    if shell is None:
        print(line.replace("`", ""), flush=True)
        return
    from IPython.display import display

    display({"text/html": notice_html(label, standin_name, error), "text/plain": line.replace("`", "")},
            raw=True)
