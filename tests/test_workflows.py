"""GitHub Actions 워크플로 시험: actionlint를 통과하고, 발행 규칙(권한, 고정된 액션, 캐시, 실제 데이터)을 지킨다."""
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from conftest import ROOT, build_book
import colab_notebooks as notebooks  # book/_ext/colab_notebooks.py

WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = Path(sys.executable).with_name("actionlint")
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")
CPU_TORCH_INDEX = "https://download.pytorch.org/whl/cpu"
CACHE_PATH = "_build/.jupyter_cache"


def load(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))    # YAML 1.1은 `on`을 참(True)으로 읽는다
    return workflow


def steps(job: dict, uses: str) -> list[dict]:
    return [s for s in job["steps"] if s.get("uses", "").split("@")[0] == uses]


def run_scripts(workflow: dict) -> list[str]:
    return [s["run"] for job in workflow["jobs"].values() for s in job["steps"] if "run" in s]


@pytest.fixture(scope="module")
def publish() -> dict:
    return load("publish.yml")


def test_actionlint_passes_on_every_workflow():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"publish.yml", "ci.yml", "linkcheck.yml"}
    result = subprocess.run([str(ACTIONLINT), "-color=false", *map(str, files)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    """시험이 아무것도 걸러내지 못하는 것이 아님을 보인다: 없는 job을 needs로 가리키면 실패한다."""
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    needs: nowhere\n    runs-on: ubuntu-latest\n"
                      "    steps:\n      - run: echo hi\n", encoding="utf-8")
    result = subprocess.run([str(ACTIONLINT), "-color=false", str(broken)], capture_output=True, text=True)
    assert result.returncode != 0 and "nowhere" in result.stdout


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"^\s*(-\s*)?uses:", line):
                assert PINNED.match(line), f"{path.name}: {line.strip()}"


def test_permissions_are_empty_by_default_and_least_privilege_per_job():
    allowed = {("publish.yml", "deploy"): {"contents": "read", "pages": "write", "id-token": "write"},
               ("publish.yml", "notebooks"): {"contents": "write"}}
    for path in sorted(WORKFLOWS.glob("*.yml")):
        workflow = load(path.name)
        assert workflow["permissions"] == {}, path.name
        for name, job in workflow["jobs"].items():
            assert job["permissions"] == allowed.get((path.name, name), {"contents": "read"}), (path.name, name)


EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
GPU_SWITCH = re.compile(r"^vars\.GPU_RUNNER(?:\s*&&\s*'([^']+)')?\s*\|\|\s*'([^']+)'$")


def with_gpu_runner(name: str, runner: str) -> dict:
    """워크플로를 저장소 변수 GPU_RUNNER=runner('' = 없음)로 펼친다. vars를 쓰는 식은 모두 이 두 꼴이어야 한다:
    `vars.GPU_RUNNER || 'B'`와 `vars.GPU_RUNNER && 'A' || 'B'` (A는 빈 문자열이 아니다 — 아니면 늘 B가 된다)."""
    def evaluate(match: re.Match) -> str:
        expression = match.group(1)
        if "vars." not in expression:
            return match.group(0)
        if expression == "vars.GPU_RUNNER":                   # `if: vars.GPU_RUNNER`
            return "true" if runner else "false"
        switch = GPU_SWITCH.match(expression)
        assert switch, f"시험이 펼칠 수 없는 식 (unsupported expression): {expression}"
        when_set, otherwise = switch.groups()
        return (when_set or runner) if runner else otherwise
    text = EXPRESSION.sub(evaluate, (WORKFLOWS / name).read_text(encoding="utf-8"))
    text = re.sub(r"^(\s*if:) vars\.GPU_RUNNER$", lambda m: f"{m.group(1)} {'true' if runner else 'false'}",
                  text, flags=re.MULTILINE)
    workflow = yaml.safe_load(text)
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def test_publish_builds_strictly_with_real_data_and_cpu_torch(publish):
    assert publish["env"]["AILIB_OFFLINE"] == "0"
    cpu = with_gpu_runner("publish.yml", "")
    assert cpu["env"]["AILIB_PROFILE"] == "quick"
    for job in ("html", "pdf"):
        assert cpu["jobs"][job]["runs-on"] == "ubuntu-latest"
        assert cpu["jobs"][job]["env"]["PIP_EXTRA_INDEX_URL"] == CPU_TORCH_INDEX
    gpu_check = next(s for s in cpu["jobs"]["html"]["steps"] if "nvidia-smi" in s.get("run", ""))
    assert gpu_check["if"] is False                        # 변수가 없으면 오늘의 CPU 빌드와 같다
    scripts = run_scripts(publish)
    for target in ("book", "pdf"):
        script = next(s for s in scripts if f"make {target} 2>&1 | tee" in s)
        assert script.splitlines()[0] == "set -o pipefail"
    book = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "jupyter-book build . --warningiserror --keep-going" in book


def test_a_gpu_runner_variable_switches_the_runner_the_budget_and_the_torch_build():
    gpu = with_gpu_runner("publish.yml", "ailib-gpu")
    html = gpu["jobs"]["html"]
    assert html["runs-on"] == "ailib-gpu"
    assert gpu["env"]["AILIB_PROFILE"] == "full" and gpu["env"]["AILIB_OFFLINE"] == "0"
    assert html["env"]["PIP_EXTRA_INDEX_URL"] == "https://pypi.org/simple"    # PyPI의 torch = CUDA 빌드
    gpu_check = next(s for s in html["steps"] if "nvidia-smi" in s.get("run", ""))
    assert gpu_check["if"] is True and "torch.cuda.is_available()" in gpu_check["run"]
    pdf = gpu["jobs"]["pdf"]                                   # PDF는 캐시를 쓰므로 CPU 러너, CPU torch
    assert pdf["runs-on"] == "ubuntu-latest" and pdf["env"]["PIP_EXTRA_INDEX_URL"] == CPU_TORCH_INDEX
    for job in ("html", "pdf"):                                # 두 작업이 같은 데이터를 본다
        (data,) = [s for s in gpu["jobs"][job]["steps"] if s.get("with", {}).get("path") == "~/.cache/ailib"]
        assert data["with"]["key"] == "${{ env.DATA_CACHE }}-${{ hashFiles('ailib/data/**') }}"


def test_pull_requests_get_artifacts_and_only_main_deploys(publish):
    assert "pull_request" in publish["on"] and publish["on"]["push"]["branches"] == ["main"]
    (html_artifact,) = [s for s in steps(publish["jobs"]["html"], "actions/upload-artifact")
                        if s["with"]["name"] == "html"]
    assert html_artifact["with"]["path"] == "_build/html"
    assert html_artifact["with"]["include-hidden-files"] is True
    deploy = publish["jobs"]["deploy"]
    assert deploy["needs"] == ["html", "pdf"]
    everything_passed = {"html": "success", "pdf": "success"}
    assert job_runs(deploy, everything_passed)
    assert not job_runs(deploy, everything_passed, event="pull_request", ref="refs/pull/1/merge")
    assert not job_runs(deploy, everything_passed, ref="refs/heads/other")
    (pages,) = steps(deploy, "actions/upload-pages-artifact")
    assert pages["with"]["include-hidden-files"] is True
    assert steps(deploy, "actions/deploy-pages")
    assert deploy["environment"]["name"] == "github-pages"


STATUS_FUNCTION = re.compile(r"\b(success|failure|cancelled|always)\(\)")


def evaluate(condition, needs: dict[str, str], event: str = "push", ref: str = "refs/heads/main") -> bool:
    """GitHub Actions의 `if` 식을 푼다 (이 워크플로가 쓰는 것만: needs.*.result, github.*, ==, !=, !, &&, ||,
    상태 함수). 식이 없으면 참."""
    expression = EXPRESSION.sub(lambda m: m.group(1), str(condition if condition is not None else "true"))
    python = re.sub(r"!(?!=)", " not ", expression).replace("&&", " and ").replace("||", " or ")
    python = STATUS_FUNCTION.sub(lambda m: m.group(1), python)
    names = {"needs": SimpleNamespace(**{job: SimpleNamespace(result=r) for job, r in needs.items()}),
             "github": SimpleNamespace(event_name=event, ref=ref), "true": True, "false": False,
             "success": all(r == "success" for r in needs.values()),
             "failure": any(r == "failure" for r in needs.values()), "cancelled": False, "always": True}
    return bool(eval(python, {"__builtins__": {}}, names))


def job_runs(job: dict, needs: dict[str, str], **github: str) -> bool:
    """작업이 실행되는가: `if`에 상태 함수가 없으면 GitHub은 앞에 `success() &&`를 붙인다 (needs가 다 성공해야)."""
    condition = str(job.get("if", "true"))
    implicit_success = STATUS_FUNCTION.search(condition) is None
    return evaluate(condition, needs, **github) and (not implicit_success or all(
        r == "success" for r in needs.values()))


def test_a_job_if_without_a_status_function_waits_for_every_needed_job():
    """시험의 식 풀이가 예전 배포의 문제를 재현한다: 상태 함수 없는 if는 PDF가 실패하면 배포하지 않는다."""
    old_deploy = {"if": "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"}
    assert job_runs(old_deploy, {"html": "success", "pdf": "success"})
    assert not job_runs(old_deploy, {"html": "success", "pdf": "failure"})
    assert job_runs({"if": "${{ !cancelled() && needs.pdf.result != 'success' }}"}, {"pdf": "failure"})


@pytest.mark.parametrize("pdf_result", ["success", "failure", "cancelled"])
def test_the_html_deploys_whatever_the_pdf_job_did_and_never_links_a_missing_pdf(publish, pdf_result):
    deploy = publish["jobs"]["deploy"]
    needs = {"html": "success", "pdf": pdf_result}
    assert job_runs(deploy, needs)
    ran = [s for s in deploy["steps"] if evaluate(s.get("if"), needs)]
    downloads_pdf = any(s.get("with", {}).get("name") == "pdf" for s in ran)
    drops = [s for s in ran if "pdf_link.py --drop site" in s.get("run", "")]
    assert downloads_pdf == (pdf_result == "success") and bool(drops) == (pdf_result != "success")
    pages = next(i for i, s in enumerate(ran) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    if drops:                                              # 링크를 뺀 사이트를 올리고, 실행 결과에 경고를 남긴다
        assert ran.index(drops[0]) < pages and "::warning" in drops[0]["run"]
        (checkout,) = [s for s in ran if s.get("uses", "").startswith("actions/checkout@")]
        script = checkout["with"]["sparse-checkout"]
        assert (ROOT / script).is_file() and f"python3 {checkout['with']['path']}/{script} --drop site" in drops[0]["run"]


def test_nothing_deploys_when_the_html_build_failed(publish):
    assert not job_runs(publish["jobs"]["deploy"], {"html": "failure", "pdf": "skipped"})
    assert not job_runs(publish["jobs"]["pdf"], {"html": "failure"})


def test_the_pdf_job_fails_on_missing_characters(publish):
    pdf = publish["jobs"]["pdf"]
    assert any("make pdf-deps" in s.get("run", "") for s in pdf["steps"])
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\npdf:", 1)[1].split("\n\n", 1)[0]
    assert "--builder pdflatex" in target and 'grep -n "Missing character" _build/latex/ai-library.log' in target
    assert "exit 1" in target


def test_notebooks_are_pushed_to_the_branch_colab_opens(publish):
    job = publish["jobs"]["notebooks"]
    assert job_runs(job, {"html": "success"}) and not job_runs(job, {"html": "failure"})
    assert not job_runs(job, {"html": "success"}, event="pull_request", ref="refs/pull/1/merge")
    script = "\n".join(s.get("run", "") for s in job["steps"])
    assert "python book/_ext/colab_notebooks.py" in script
    assert f"--initial-branch={notebooks.NOTEBOOKS_BRANCH}" in script
    assert f"FETCH_HEAD:refs/heads/{notebooks.NOTEBOOKS_BRANCH}" in script


def test_ci_runs_the_test_command_and_linkcheck_runs_weekly():
    ci = load("ci.yml")
    assert {"push", "pull_request"} <= set(ci["on"])
    assert run_scripts(ci)[-1] == "bash .ci/run"
    assert ci["jobs"]["test"]["env"]["PIP_EXTRA_INDEX_URL"] == CPU_TORCH_INDEX
    linkcheck = load("linkcheck.yml")
    (cron,) = [entry["cron"] for entry in linkcheck["on"]["schedule"]]
    assert cron.split()[2:4] == ["*", "*"] and cron.split()[4] != "*"   # 한 주에 한 번
    script = next(s for s in run_scripts(linkcheck) if "jupyter-book" in s)
    assert "--builder linkcheck" in script and "set -o pipefail" in script
    (report,) = steps(linkcheck["jobs"]["linkcheck"], "actions/upload-artifact")
    assert "_build/html/output.txt" in report["with"]["path"].split()


@pytest.mark.book
def test_the_linkcheck_build_fails_on_a_broken_link(tmp_path):
    """워크플로가 실행하는 linkcheck 빌드가 깨진 링크(127.0.0.1의 닫힌 포트)에서 실패하고 결과를 남긴다."""
    (tmp_path / "book").mkdir()
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    shutil.copytree(ROOT / "book" / "_ext", tmp_path / "book" / "_ext")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/index\n", encoding="utf-8")
    (tmp_path / "book" / "index.md").write_text("# 링크\n\n[닫힌 포트](http://127.0.0.1:9/nothing)\n",
                                               encoding="utf-8")
    result = build_book(tmp_path, "--builder", "linkcheck", timeout=300)
    assert result.returncode != 0
    assert "broken" in (tmp_path / "_build" / "html" / "output.txt").read_text(encoding="utf-8")
