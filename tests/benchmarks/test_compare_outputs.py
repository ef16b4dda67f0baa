"""benchmarks/compare_outputs.py: 두 빌드의 실행 출력이 시간 말고는 같은지 본다."""
import json

import compare_outputs  # benchmarks/compare_outputs.py


def write(folder, name, *outputs):
    path = folder / f"{name}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    cells = [{"cell_type": "code", "outputs": list(outputs)}, {"cell_type": "markdown", "source": "글"}]
    path.write_text(json.dumps({"cells": cells}), encoding="utf-8")


def stream(text):
    return {"output_type": "stream", "name": "stdout", "text": text}


def test_timings_are_ignored_and_real_differences_are_reported(tmp_path):
    before, after = tmp_path / "before", tmp_path / "after"
    write(before, "book/week2/mnist", stream("에폭 1: 손실 0.5 (3.2초)\n"), {"output_type": "display_data",
          "data": {"text/plain": "<Figure>", "image/png": "AAAA"}})
    write(after, "book/week2/mnist", stream("에폭 1: 손실 0.5 (4.75초)\n"), {"output_type": "display_data",
          "data": {"text/plain": "<Figure>", "image/png": "BBBB"}})
    assert compare_outputs.compare(before, after) == []
    write(before, "book/week2/table", {"output_type": "execute_result", "data": {"text/html": '<table id="T_1d5eb">'}})
    write(after, "book/week2/table", {"output_type": "execute_result", "data": {"text/html": '<table id="T_0f79f">'}})
    assert compare_outputs.compare(before, after) == []
    write(after, "book/week2/mnist", stream("에폭 1: 손실 0.6 (4.75초)\n"))
    problems = compare_outputs.compare(before, after)
    assert len(problems) == 1 and "mnist.ipynb: code cell 1, output 1" in problems[0] and "0.6" in problems[0]
    write(after, "book/week2/boston", stream("x"))
    assert any("boston.ipynb: only in after" in p for p in compare_outputs.compare(before, after))


def test_streams_read_the_same_whether_myst_nb_merged_them_or_not():
    assert compare_outputs.printed_text(["a\nb\nc\n", "b\n", "c\n"]) == "a\nb\nc\n"      # myst-nb
    assert compare_outputs.printed_text(["a\n", "b\n", "c\n"]) == "a\nb\nc\n"            # nbclient
    assert compare_outputs.normalise("<pandas.io.formats.style.Styler at 0x7f8adb52de90>") == \
        "<pandas.io.formats.style.Styler at 0x<address>>"
