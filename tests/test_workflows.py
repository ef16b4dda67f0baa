"""GitHub Actions 워크플로 시험: actionlint를 통과하고, 발행 규칙(권한, 고정된 액션, 캐시, 실제 데이터)을 지킨다."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_book

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import colab_notebooks as notebooks  # noqa: E402  (book/_ext/colab_notebooks.py)

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
    allowed = {("publish.yml", "deploy"): {"pages": "write", "id-token": "write"},
               ("publish.yml", "notebooks"): {"contents": "write"}}
    for path in sorted(WORKFLOWS.glob("*.yml")):
        workflow = load(path.name)
        assert workflow["permissions"] == {}, path.name
        for name, job in workflow["jobs"].items():
            assert job["permissions"] == allowed.get((path.name, name), {"contents": "read"}), (path.name, name)


def test_publish_builds_strictly_with_real_data_and_cpu_torch(publish):
    assert publish["env"]["AILIB_OFFLINE"] == "0"
    assert publish["env"]["PIP_EXTRA_INDEX_URL"] == CPU_TORCH_INDEX
    scripts = run_scripts(publish)
    for target in ("book", "pdf"):
        script = next(s for s in scripts if f"make {target} 2>&1 | tee" in s)
        assert script.splitlines()[0] == "set -o pipefail"
    book = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "jupyter-book build . --warningiserror --keep-going" in book


def test_only_the_jupyter_cache_is_restored_keyed_on_sources_and_saved_even_after_failure(publish):
    html = publish["jobs"]["html"]
    key_step = next(s for s in html["steps"] if s.get("id") == "key")
    for source in ("book/**", "ailib/**", "requirements.txt"):
        assert f"'{source}'" in key_step["env"]["SOURCES"]
    assert "GITHUB_RUN_ID" in key_step["run"]                 # 실행마다 새 키로 저장해 캐시가 늘 새로워진다
    (restore,) = steps(html, "actions/cache/restore")
    (save,) = steps(html, "actions/cache/save")
    for step in (restore, save):
        assert step["with"]["path"] == CACHE_PATH             # .doctrees와 html은 복원하지 않는다
        assert step["with"]["key"] == "${{ steps.key.outputs.key }}"
    assert restore["with"]["restore-keys"].splitlines() == ["${{ steps.key.outputs.sources }}-",
                                                        "${{ env.CACHE_PREFIX }}-"]
    assert save["if"] == "always()"
    order = [s.get("uses", s.get("run", "")) for s in html["steps"]]
    build = next(i for i, s in enumerate(order) if "make book" in s)
    assert order.index(restore["uses"]) < build < order.index(save["uses"])


def test_pull_requests_get_artifacts_and_only_main_deploys(publish):
    assert "pull_request" in publish["on"] and publish["on"]["push"]["branches"] == ["main"]
    (html_artifact,) = [s for s in steps(publish["jobs"]["html"], "actions/upload-artifact")
                        if s["with"]["name"] == "html"]
    assert html_artifact["with"]["path"] == "_build/html"
    assert html_artifact["with"]["include-hidden-files"] is True
    deploy = publish["jobs"]["deploy"]
    assert deploy["needs"] == ["html", "pdf"]
    assert deploy["if"] == "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
    (pages,) = steps(deploy, "actions/upload-pages-artifact")
    assert pages["with"]["include-hidden-files"] is True
    assert steps(deploy, "actions/deploy-pages")
    assert deploy["environment"]["name"] == "github-pages"


def test_the_pdf_job_fails_on_missing_characters(publish):
    pdf = publish["jobs"]["pdf"]
    assert any("make pdf-deps" in s.get("run", "") for s in pdf["steps"])
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\npdf:", 1)[1].split("\n\n", 1)[0]
    assert "--builder pdflatex" in target and 'grep -n "Missing character" _build/latex/ai-library.log' in target
    assert "exit 1" in target


def test_notebooks_are_pushed_to_the_branch_colab_opens(publish):
    job = publish["jobs"]["notebooks"]
    assert job["if"] == publish["jobs"]["deploy"]["if"]
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
