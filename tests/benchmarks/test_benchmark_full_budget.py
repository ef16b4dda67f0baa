"""benchmarks/full_budget.py: 목차의 모든 장을 고르고, 장마다 예산·대체 데이터 크기를 물려받은 커널에서 실행해 시간을 잰다."""

import yaml

from conftest import ROOT
import full_budget  # benchmarks/full_budget.py


def test_every_chapter_of_the_toc_with_code_is_benchmarked():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    listed = [c["file"] + ".md" for part in toc["parts"] for c in part["chapters"]]
    chapters = full_budget.toc_chapters()
    assert chapters == [c for c in listed if "{code-cell}" in (ROOT / c).read_text(encoding="utf-8")]
    assert "book/week3/cifar10.md" in chapters and "book/glossary.md" not in chapters


def probe_chapter(folder, code: str):
    """코드 셀 하나짜리 MyST 노트북 장."""
    chapter = folder / "probe.md"
    chapter.write_text(
        "---\njupytext:\n  text_representation: {extension: .md, format_name: myst}\n"
        "kernelspec: {display_name: Python 3, language: python, name: python3}\n---\n# 시험\n\n"
        f"```{{code-cell}} ipython3\n{code}\n```\n", encoding="utf-8")
    return chapter


def test_a_chapter_runs_with_the_budget_and_real_size_standins(tmp_path):
    chapter = probe_chapter(tmp_path, "import os\nimport ailib\nassert ailib.current_profile() == 'full'\n"
                            "assert os.environ['AILIB_STANDIN_SIZE'] == 'real' and os.environ['AILIB_OFFLINE'] == '1'")
    run = full_budget.execute(str(chapter), full_budget.chapter_environment("full"))
    assert run.error == "" and run.seconds > 0
    broken = full_budget.execute(str(chapter), full_budget.chapter_environment("quick"))
    assert "AssertionError" in broken.error                 # 실패한 장은 오류와 함께 보고된다
    table = full_budget.markdown_table([run, broken], "full", "CPU")
    assert "| **total** |" in table and "1/2 ok" in table and "failed: " in table


def test_a_recording_holds_the_registered_results_and_each_chapter_fingerprint(tmp_path):
    chapter = probe_chapter(tmp_path, "import ailib\n"
                            "ailib.record_result('acc', '정확도', 91.5, '%', baseline=('우연 수준', 10.0), n=100)")
    run = full_budget.execute(str(chapter), full_budget.chapter_environment("quick"))
    assert run.error == ""
    assert [(r["key"], r["value"], r["baseline_value"], r["budget"]) for r in run.results] == \
        [("acc", 91.5, 10.0, "quick")]
    real = full_budget.Run("book/week2/mnist.md", 12.0, results=run.results)
    record = full_budget.recording([real], "full", "NVIDIA H200")
    chapter_record = record["chapters"]["book/week2/mnist"]
    assert chapter_record["fingerprint"] == full_budget.code_fingerprint("book/week2/mnist")
    assert chapter_record["results"] == run.results and record["device"] == "NVIDIA H200"
    assert {"machine", "date", "commit", "budget"} <= set(record)
    assert full_budget.default_record_path("NVIDIA H200").name == "full-nvidia-h200.json"
