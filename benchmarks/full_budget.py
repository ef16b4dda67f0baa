"""Benchmark 5: every chapter of the book executed on one budget, seconds per chapter and the total.

Each chapter listed in `_toc.yml` is converted with jupytext and executed with nbclient, exactly as the book
build executes it (same kernel, `AILIB_BOOK_BUILD=1`, this checkout's `ailib` first on `PYTHONPATH`), but
outside the book's execution cache, so nothing is skipped. The data are the stand-ins of the real sizes
(`AILIB_OFFLINE=1` with `AILIB_STANDIN_SIZE=real`: 60,000 + 10,000 MNIST images, 50,000 + 10,000 CIFAR-10
images, 3,680 + 3,669 pet images, …), so the timing is that of the real full run even where the real data
cannot be downloaded. (The accuracies are those of the stand-ins and mean nothing here.)

    python benchmarks/full_budget.py                  # AILIB_PROFILE=full: the GPU measurement
    python benchmarks/full_budget.py --smoke          # AILIB_PROFILE=quick: checks the harness on a CPU
    python benchmarks/full_budget.py --chapters book/week3/cifar10.md --markdown table.md
    python benchmarks/full_budget.py --record --real-data   # results file for the book's results page

`--record [PATH]` also writes the results the chapters register (`ailib.record_result`) in the format of the
book's `results.json`, with the machine, date, commit and each chapter's code fingerprint, by default to
`benchmarks/results/full-<device>.json`. Commit that file and the results page shows it as its "기록된 full
실행" column (stale rows are marked once a chapter's code changes). `--real-data` uses the reader's data
policy (real data, downloaded if needed) instead of real-size stand-ins, so the recorded values mean something.

A chapter that fails is reported with its error and the run goes on; the exit status is 1 if any failed.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from common import ROOT, machine_info

sys.path.insert(0, str(ROOT / "book" / "_ext"))
from results_page import code_fingerprint, git_commit  # noqa: E402  (book/_ext/results_page.py)

from ailib.results import results_from_notebook  # noqa: E402
from ailib.runtime import BOOK_BUILD_ENV  # noqa: E402

CELL_TIMEOUT = 1800  # the same per-cell limit as _config.yml


@dataclass
class Run:
    chapter: str
    seconds: float
    error: str = ""
    results: list[dict] = field(default_factory=list)


def toc_chapters(toc: Path = ROOT / "_toc.yml") -> list[str]:
    """Every document of the table of contents that has code cells, in reading order ('book/week2/x.md')."""
    data = yaml.safe_load(toc.read_text(encoding="utf-8"))
    files = [data["root"]]
    for part in data.get("parts", []):
        files += [chapter["file"] for chapter in part.get("chapters", [])]
    files += [chapter["file"] for chapter in data.get("chapters", [])]
    chapters = [f"{name}.md" for name in files]
    return [c for c in chapters if "{code-cell}" in (ROOT / c).read_text(encoding="utf-8")]


def chapter_environment(profile: str, real_data: bool = False) -> dict[str, str]:
    """The environment the kernels inherit: budget, data policy, this checkout's ailib.

    By default the data are stand-ins of the real sizes (timing); `real_data=True` keeps the reader's policy.
    """
    env = dict(os.environ, AILIB_PROFILE=profile)
    env[BOOK_BUILD_ENV] = "1"
    if not real_data:
        env.update(AILIB_OFFLINE="1", AILIB_STANDIN_SIZE="real")
    env.pop("MPLBACKEND", None)  # the kernel draws inline figures, as in the book build
    env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def execute(chapter: str, env: dict[str, str]) -> Run:
    """Execute one chapter in a fresh kernel, from its own folder (as the book build does)."""
    import jupytext
    from nbclient import NotebookClient

    path = ROOT / chapter
    notebook = jupytext.read(path)
    saved = dict(os.environ)
    os.environ.update(env)      # the kernel is started from this process and inherits its environment
    start = time.perf_counter()
    try:
        NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        results = [asdict(result) for result in results_from_notebook(notebook)]
        return Run(chapter, time.perf_counter() - start, results=results)
    except Exception as error:  # noqa: BLE001 — report and go on with the next chapter
        return Run(chapter, time.perf_counter() - start, f"{type(error).__name__}: {str(error)[-300:]}")
    finally:
        os.environ.clear()
        os.environ.update(saved)


def markdown_table(runs: list[Run], profile: str, device: str) -> str:
    lines = [f"| chapter | {profile} budget, {device} (s) | status |", "|---|---:|---|"]
    for run in runs:
        status = "ok" if not run.error else "failed: " + run.error.splitlines()[-1][:120].replace("|", "/")
        lines.append(f"| `{run.chapter}` | {run.seconds:.1f} | {status} |")
    lines.append(f"| **total** | **{sum(r.seconds for r in runs):.1f}** | "
                 f"{sum(not r.error for r in runs)}/{len(runs)} ok |")
    return "\n".join(lines)


def recording(runs: list[Run], profile: str, device: str) -> dict:
    """The results file: machine, date, commit, budget, and per chapter its code fingerprint and results."""
    chapters = {}
    for run in runs:
        docname = run.chapter.removesuffix(".md")
        chapters[docname] = {"fingerprint": code_fingerprint(docname), "seconds": round(run.seconds, 1),
                             "error": run.error, "results": run.results}
    return {"device": device, "machine": machine_info(), "budget": profile, "commit": git_commit(),
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "chapters": chapters}


def default_record_path(device: str) -> Path:
    """benchmarks/results/full-<device>.json, e.g. full-nvidia-h200.json."""
    slug = re.sub(r"[^a-z0-9]+", "-", device.lower()).strip("-") or "device"
    return ROOT / "benchmarks" / "results" / f"full-{slug}.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="quick budget instead of full (checks the harness)")
    parser.add_argument("--chapters", nargs="+", help="only these chapter files (default: every chapter in _toc.yml)")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    parser.add_argument("--record", nargs="?", const=True, type=Path,
                        help="write the registered results (default: benchmarks/results/full-<device>.json)")
    parser.add_argument("--real-data", action="store_true", help="the reader's data policy, not stand-ins")
    args = parser.parse_args()

    import torch

    profile = "quick" if args.smoke else "full"
    device = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "CPU"
    chapters = args.chapters or toc_chapters()
    print(machine_info(), flush=True)
    print(f"budget: {profile}, stand-ins of the real sizes, {len(chapters)} chapters", flush=True)
    env = chapter_environment(profile, real_data=args.real_data)
    runs = []
    for chapter in chapters:
        run = execute(chapter, env)
        runs.append(run)
        print(f"{run.seconds:8.1f} s  {chapter}  {'ok' if not run.error else run.error}", flush=True)
    table = markdown_table(runs, profile, device)
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")
    if args.record:
        path = default_record_path(device) if args.record is True else args.record
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(recording(runs, profile, device), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
        print(f"results recorded in {path}")
    return 1 if any(run.error for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
