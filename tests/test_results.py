"""ailib.results: 결과 한 줄을 검사해 만들고, 데이터가 실제인지 대체 데이터인지 스스로 적는다."""
import json
import math

import numpy as np
import pytest
import torch

import ailib
from ailib.data import offline
from ailib.results import GLUE_PREFIX, Result, record_result, results_from_glue, results_from_notebook


@pytest.fixture
def loaded(monkeypatch):
    """이 프로세스에서 MNIST는 대체 데이터로, Boston은 실제로 불러온 상태."""
    monkeypatch.setattr(offline, "_standin_used", {"mnist": True, "boston": False})
    monkeypatch.delenv("AILIB_STANDIN_SIZE", raising=False)
    monkeypatch.setenv("AILIB_PROFILE", "quick")


def test_a_result_carries_its_baseline_data_budget_and_device(loaded):
    result = record_result("test_acc", "시험 정확도", torch.tensor(97.5), "%",
                           baseline=("우연 수준", np.float32(10.0)), n=360, datasets=["mnist"])
    assert result == Result(key="test_acc", what="시험 정확도", value=97.5, unit="%", baseline="우연 수준",
                            baseline_value=10.0, n=360, data="mnist: 대체 데이터(small)", standin=True,
                            budget="quick", device=str(ailib.device()))
    real = ailib.record_result("rmse", "시험 RMSE", 3.2, "천 달러", datasets=["boston"])
    assert real.data == "boston: 실제" and real.standin is False
    both = record_result("x", "둘 다", 1.0, "")
    assert both.data == "mnist: 대체 데이터(small), boston: 실제" and both.standin


@pytest.mark.parametrize("kwargs, message", [
    ({"key": "시험"}, "ASCII identifier"), ({"key": ""}, "ASCII identifier"),
    ({"value": math.nan}, "finite number"), ({"value": "97%"}, "finite number"),
    ({"value": True}, "finite number"), ({"baseline": ("우연", math.inf)}, "baseline must be a finite"),
    ({"datasets": ["cifar10"]}, "not loaded yet"),
])
def test_bad_results_are_refused_with_a_clear_message(loaded, kwargs, message):
    arguments = {"key": "acc", "what": "정확도", "value": 1.0, "unit": "%", **kwargs}
    key, what, value, unit = (arguments.pop(name) for name in ("key", "what", "value", "unit"))
    with pytest.raises((ValueError, KeyError), match=message):
        record_result(key, what, value, unit, **arguments)


def test_results_are_read_back_from_glue_outputs_in_order(loaded):
    first = record_result("a", "첫째", 1.0, "%", datasets=["mnist"])
    second = record_result("b", "둘째", 2.0, "dB", datasets=["boston"])
    outputs = [{"output_type": "display_data", "data": {"application/papermill.record/text/plain":
                                                        json.dumps(result.__dict__, ensure_ascii=False)},
                "metadata": {"scrapbook": {"name": GLUE_PREFIX + result.key,
                                           "mime_prefix": "application/papermill.record/"}}}
               for result in (first, second)]
    other = {"output_type": "display_data", "data": {"text/plain": "3"},
             "metadata": {"scrapbook": {"name": "plain_glue", "mime_prefix": ""}}}
    notebook = {"cells": [{"cell_type": "code", "outputs": [outputs[0], other]},
                          {"cell_type": "code", "outputs": [outputs[1]]}]}
    assert results_from_notebook(notebook) == [first, second]
    glue_json = {GLUE_PREFIX + "a": {"data": {"text/plain": json.dumps(first.__dict__)}}, "plain_glue": other}
    assert results_from_glue(glue_json) == [first]
