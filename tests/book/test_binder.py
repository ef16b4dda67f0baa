"""Binder 환경 시험: 설치 파일이 새 가상환경에 설치되고, postBuild 뒤에는 장(.md)이 노트북으로 열린다.

Binder는 binder/requirements.txt를 pip으로 설치한다. 그 파일은 PyTorch CPU 저장소 한 줄과 책의 고정 버전
(../requirements.txt)이 전부다. 이 기계에서는 PyTorch 저장소에 닿지 않으므로, 그 한 줄을 뺀 같은 파일을
이 기계의 pip(같은 torch 고정 버전을 로컬에서 준다)으로 푼다.
"""
import json
import os
import shutil
import subprocess
import venv

import nbformat
import pytest

from conftest import ROOT

BINDER = ROOT / "binder"
CPU_TORCH_INDEX = "https://download.pytorch.org/whl/cpu"
CHAPTER = ROOT / "book" / "week2" / "ann-basics.md"


def pins(path) -> dict[str, str]:
    """requirements 파일의 `이름==버전` 줄들 (주석 제외)."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, version = line.split("==")
            found[name.lower().replace("_", "-")] = version
    return found


def pip(env_dir, *args, timeout=900) -> subprocess.CompletedProcess:
    result = subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "--disable-pip-version-check",
                             *args], capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory):
    """시스템 패키지도 .venv도 보지 않는 새 가상환경."""
    env_dir = tmp_path_factory.mktemp("binder") / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
    return env_dir


def test_binder_uses_the_books_pins_with_cpu_only_torch():
    lines = [line.strip() for line in (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert lines == [f"--extra-index-url {CPU_TORCH_INDEX}", "-r ../requirements.txt"]
    book = pins(ROOT / "requirements.txt")
    assert {"torch", "torchvision", "jupytext", "ipykernel"} <= set(book)
    python = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    assert python == "python-3.11"
    assert 'python-version: "3.11"' in (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK)
    script = post_build.read_text(encoding="utf-8")
    assert script.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail" in script


def test_binder_requirements_resolve_in_a_fresh_venv(fresh_venv, tmp_path):
    """PyTorch CPU 저장소 줄만 뺀 Binder 파일을 새 가상환경에서 푼다: 모든 고정 버전이 그대로 설치될 수 있다."""
    local = tmp_path / "requirements.txt"
    text = (BINDER / "requirements.txt").read_text(encoding="utf-8")
    local.write_text(text.replace(f"--extra-index-url {CPU_TORCH_INDEX}", "")
                     .replace("-r ../requirements.txt", f"-r {ROOT / 'requirements.txt'}"), encoding="utf-8")
    report = tmp_path / "report.json"
    pip(fresh_venv, "install", "--dry-run", "--quiet", "--report", str(report), "-r", str(local))
    resolved = {item["metadata"]["name"].lower().replace("_", "-"): item["metadata"]["version"]
                for item in json.loads(report.read_text(encoding="utf-8"))["install"]}
    for name, version in pins(ROOT / "requirements.txt").items():
        assert resolved.get(name) == version, (name, version, resolved.get(name))


def test_post_build_makes_ailib_importable_and_chapters_open_as_notebooks(fresh_venv, tmp_path):
    """Binder가 하듯 저장소 폴더에서 postBuild를 돌린 뒤, jupytext로 장을 노트북으로 연다."""
    book = pins(ROOT / "requirements.txt")
    pip(fresh_venv, "install", "--quiet", f"jupytext=={book['jupytext']}", f"nbformat=={book['nbformat']}")
    repo = tmp_path / "repo"                                  # 공유 작업 트리에는 아무것도 쓰지 않는다
    for name in ("ailib", "binder"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, repo / name)
    env = {**os.environ, "PATH": f"{fresh_venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
           "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config")}
    result = subprocess.run([str(repo / "binder" / "postBuild")], cwd=repo, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]

    settings = json.loads((tmp_path / "jupyter-config" / "labconfig" / "default_setting_overrides.json")
                          .read_text(encoding="utf-8"))
    viewers = settings["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers == {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}

    python = str(fresh_venv / "bin" / "python")
    found = subprocess.run([python, "-c", "import importlib.util; print(importlib.util.find_spec('ailib').origin)"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert found.stdout.strip() == str(repo / "ailib" / "__init__.py")

    out = tmp_path / "chapter.ipynb"
    converted = subprocess.run([str(fresh_venv / "bin" / "jupytext"), "--to", "notebook", "--output", str(out),
                                str(CHAPTER)], capture_output=True, text=True, env=env)
    assert converted.returncode == 0, converted.stderr
    notebook = nbformat.read(out, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assert "import ailib" in code[0] and "ailib.setup_chapter(" in code[0]
    assert len(code) == CHAPTER.read_text(encoding="utf-8").count("```{code-cell}")
