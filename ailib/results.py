"""장의 결과 등록: 측정한 값 하나를 기준선·교재의 값과 함께 적어 두면, 책의 '이 책의 결과' 쪽이 모은다.

장은 glue를 하는 바로 그 자리에서 `record_result(...)`를 한 번 부른다. 값은 셀의 출력(myst-nb glue,
이름 `ailib-result:<key>`, 쪽에는 보이지 않음)으로 남으므로, 결과 쪽(book/_ext/results_page.py)과
`benchmarks/full_budget.py`는 실행한(또는 캐시의) 노트북에서 같은 값을 읽는다. 숫자를 두 번 적지 않는다.

데이터가 실제인지 대체 데이터인지, 예산과 장치는 부르는 순간의 상태에서 자동으로 적는다.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from ailib.data import offline
from ailib.data.standin_size import real_size_standins
from ailib.profile import current_profile
from ailib.runtime import device

GLUE_PREFIX = "ailib-result:"
TEXT_MIME = "text/plain"   # glue는 값의 표시를 저장한다: 결과는 JSON 글로 남긴다


@dataclass(frozen=True)
class Result:
    """결과 한 줄. value와 baseline_value의 단위는 unit 하나다."""

    key: str
    what: str
    value: float
    unit: str
    baseline: str | None = None
    baseline_value: float | None = None
    textbook: str | None = None
    bug_cost: str | None = None
    n: int | None = None
    data: str = ""
    standin: bool = False
    budget: str = ""
    device: str = ""


def record_result(key: str, what: str, value: float, unit: str, *,
                  baseline: tuple[str, float] | None = None, textbook: str | None = None,
                  bug_cost: str | None = None, n: int | None = None,
                  datasets: Sequence[str] | None = None) -> Result:
    """결과 하나를 등록한다 (쪽에는 아무것도 보이지 않는다).

    - key: 장 안에서 유일한 이름(영문, 예: "test_acc"). what: 무엇을 쟀나("시험 정확도").
    - baseline: (이름, 값) — 같은 시험 데이터에서 잰 간단한 기준선. textbook: 교재가 보고한 값(글로, 교재의 것임을 밝혀).
    - bug_cost: 교재 코드의 버그가 치렀을 값(이 장이 잰 것). n: 값을 잰 시험 데이터의 개수.
    - datasets: 이 값이 쓰는 데이터셋 이름("mnist"). 기본은 이 프로세스에서 지금까지 불러온 전부.
    """
    result = _make_result(key, what, value, unit, baseline, textbook, bug_cost, n, datasets)
    _publish(result)
    return result


def _make_result(key: str, what: str, value: float, unit: str, baseline: tuple[str, float] | None,
                 textbook: str | None, bug_cost: str | None, n: int | None,
                 datasets: Sequence[str] | None) -> Result:
    if not key or not key.replace("_", "").isalnum() or not key.isascii():
        raise ValueError(f"key는 영문·숫자·밑줄로 된 이름이어야 합니다: {key!r} "
                         f"(key must be a non-empty ASCII identifier, e.g. 'test_acc')")
    value = finite_number("value", value)
    baseline_value = finite_number("baseline", baseline[1]) if baseline else None
    data, standin = describe_data(datasets)
    return Result(key=key, what=what, value=value, unit=unit,
                  baseline=baseline[0] if baseline else None, baseline_value=baseline_value,
                  textbook=textbook, bug_cost=bug_cost, n=n, data=data, standin=standin,
                  budget=current_profile(), device=str(device()))


def finite_number(name: str, number: object) -> float:
    """파이썬 수, NumPy 수, 원소 하나짜리 텐서를 float로. 유한한 수가 아니면 오류."""
    try:
        if isinstance(number, bool):
            raise TypeError
        result = float(number.item() if hasattr(number, "item") else number)
    except (TypeError, ValueError, RuntimeError):
        result = math.nan
    if not math.isfinite(result):
        raise ValueError(f"{name}는 유한한 수여야 합니다: {number!r} ({name} must be a finite number)")
    return result


def describe_data(datasets: Sequence[str] | None = None) -> tuple[str, bool]:
    """("mnist: 실제, cifar10: 대체 데이터(small)", 대체 데이터가 하나라도 있나). 아무것도 안 불렀으면 ("", False)."""
    loaded: Mapping[str, bool] = offline.loaded_datasets()
    names = list(loaded) if datasets is None else list(datasets)
    unknown = [name for name in names if name not in loaded]
    if unknown:
        raise KeyError(f"아직 불러오지 않은 데이터셋입니다: {unknown} (datasets not loaded yet: {unknown})")
    size = "real" if real_size_standins() else "small"
    parts = [f"{name}: " + (f"대체 데이터({size})" if loaded[name] else "실제") for name in names]
    return ", ".join(parts), any(loaded[name] for name in names)


def _publish(result: Result) -> None:
    """노트북(책 빌드 포함) 안에서만: 보이지 않는 glue 출력으로 남긴다."""
    shell = None
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:
        pass
    if shell is None:
        return
    from myst_nb import glue

    glue(GLUE_PREFIX + result.key, _JSONText(json.dumps(asdict(result), ensure_ascii=False)), display=False)


class _JSONText:
    """표시(repr)가 JSON 글 그대로인 값 (노트북 형식은 접두어 붙은 MIME에 사전을 허락하지 않는다)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def results_from_glue(glue_data: Mapping[str, Any]) -> list[Result]:
    """myst-nb의 glue 자료(이름 → 출력, `<장>.glue.json`의 내용)에서 등록된 결과를 등록한 순서대로."""
    rows = []
    for name, output in glue_data.items():
        if name.startswith(GLUE_PREFIX):
            rows.append(Result(**json.loads(output["data"][TEXT_MIME])))
    return rows


def results_from_notebook(notebook: Mapping[str, Any]) -> list[Result]:
    """실행한 노트북(nbformat 4 사전)에서 등록된 결과 (benchmarks/full_budget.py가 쓴다)."""
    glue_data = {}
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("scrapbook")
            if meta and meta.get("name", "").startswith(GLUE_PREFIX):
                prefix = meta.get("mime_prefix", "")
                data = {mime[len(prefix):]: value for mime, value in output.get("data", {}).items()}
                glue_data[meta["name"]] = {"data": data}
    return results_from_glue(glue_data)
