"""Benchmark 3: book build times, always in a private clone (never in the working tree's _build).

Clones the committed state of the repository into a scratch folder (default /tmp/bench-book) and builds it
there four times with the strict settings of `make book`:

1. cold        — empty cache: every chapter executes;
2. unchanged   — nothing changed: no chapter may execute (goal: within 60 s);
3. touched     — only the modification time of one chapter and one ailib module changes: no chapter executes;
4. edited      — one chapter's code and one ailib module's content change: that chapter and the chapters
                 using the module (the build extension's fingerprint) execute, and nothing else.

For each build it prints the wall time, the chapters executed (the "Executing notebook" lines) and, for the
cold build, each chapter's execution time. The kernel imports the clone's ailib (PYTHONPATH), and the
budget is `AILIB_PROFILE=quick` unless `--profile` says otherwise.

    python benchmarks/book_build.py                                  # defaults below
    python benchmarks/book_build.py --chapter book/week3/cnn.md --module ailib/models/cnn.py
    python benchmarks/book_build.py --env OMP_WAIT_POLICY=ACTIVE     # environment for the build and kernels
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from common import ROOT, machine_info

from ailib.runtime import BOOK_BUILD_ENV

EXECUTING = re.compile(r"(\S+\.(?:md|ipynb)): Executing notebook")
EXECUTED_IN = re.compile(r"(\S+\.(?:md|ipynb)): Executed notebook in ([0-9.]+) seconds")
EDIT_MARK = "# benchmarks/book_build.py: edited to force a re-execution"


@dataclass
class Build:
    name: str
    seconds: float
    returncode: int
    executed: list[str]
    chapter_seconds: dict[str, float]
    log: str


def build(book: Path, name: str, env: dict[str, str]) -> Build:
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    start = time.perf_counter()
    result = subprocess.run([str(jupyter_book), "build", str(book), "--warningiserror", "--keep-going"],
                            capture_output=True, text=True, env=env, cwd=book)
    seconds = time.perf_counter() - start
    log = result.stdout + result.stderr
    relative = lambda path: Path(path).resolve().relative_to(book).as_posix()  # noqa: E731
    return Build(name, seconds, result.returncode, sorted(relative(p) for p in EXECUTING.findall(log)),
                 {relative(p): float(s) for p, s in EXECUTED_IN.findall(log)}, log)


def load_import_tracer(book: Path):
    """The clone's book/_ext/import_tracer.py, to compute which chapters depend on a module."""
    spec = importlib.util.spec_from_file_location("import_tracer", book / "book" / "_ext" / "import_tracer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def chapters_in_toc(book: Path) -> list[str]:
    toc = (book / "_toc.yml").read_text(encoding="utf-8")
    names = re.findall(r"^\s*(?:-\s*)?(?:file|root):\s*(\S+)", toc, re.MULTILINE)
    return [f"{name}.md" for name in names if (book / f"{name}.md").is_file()]


def users_of(module: str, book: Path, chapters: list[str]) -> list[str]:
    """The chapters whose code reads the ailib file `module` (a path relative to the book), as the cache sees it."""
    tracer = load_import_tracer(book)
    target = (book / module).resolve()
    return sorted(chapter for chapter in chapters
                  if target in {p.resolve() for p in
                                tracer.chapter_files((book / chapter).read_text(encoding="utf-8"), book)})


def edit_chapter(path: Path) -> None:
    """Adds a comment line to the chapter's first code cell (its code changes, so jupyter-cache misses)."""
    text = path.read_text(encoding="utf-8")
    start = text.index("```{code-cell}")
    line_end = text.index("\n", start)
    path.write_text(text[:line_end + 1] + EDIT_MARK + "\n" + text[line_end + 1:], encoding="utf-8")


def report(builds: list[Build], chapters: list[str], expected_edit: list[str]) -> None:
    print("\n## Builds")
    print("| build | wall time | chapters executed | which |")
    print("|---|---:|---:|---|")
    for b in builds:
        which = ", ".join(Path(c).stem for c in b.executed) if len(b.executed) <= 6 else f"all {len(b.executed)}"
        status = "" if b.returncode == 0 else f" (FAILED, exit {b.returncode})"
        print(f"| {b.name}{status} | {b.seconds:.1f} s | {len(b.executed)} of {len(chapters)} | {which} |")
    edited = builds[-1]
    print(f"\nedited build: expected to execute {expected_edit}; executed {edited.executed}: "
          f"{'as expected' if edited.executed == expected_edit else 'DIFFERENT'}")
    cold = builds[0]
    if cold.chapter_seconds:
        print("\n## Chapter execution times in the cold build (kernel start and imports included)")
        print("| chapter | seconds |")
        print("|---|---:|")
        for chapter, seconds in sorted(cold.chapter_seconds.items(), key=lambda item: -item[1]):
            print(f"| {chapter} | {seconds:.1f} |")
        total = sum(cold.chapter_seconds.values())
        print(f"| total execution | {total:.1f} |")
        print(f"\nthe rest of the cold build (Sphinx reading and writing, kernel-less pages): "
              f"{cold.seconds - total:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=ROOT, help="repository to clone (committed state)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench-book"), help="private clone (replaced)")
    parser.add_argument("--chapter", default="book/week2/ann-basics.md", help="chapter to touch and edit")
    parser.add_argument("--module", default="ailib/models/mlp.py", help="ailib module to touch and edit")
    parser.add_argument("--profile", default="quick", choices=("quick", "full"))
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="set an environment variable for the builds (repeatable)")
    args = parser.parse_args()

    book = args.workdir.resolve()
    if book == args.source.resolve():
        parser.error("--workdir must not be the source repository: builds go into a private clone")
    shutil.rmtree(book, ignore_errors=True)
    subprocess.run(["git", "clone", "--quiet", str(args.source), str(book)], check=True)
    commit = subprocess.run(["git", "log", "-1", "--format=%h %s"], cwd=book, capture_output=True, text=True).stdout
    env = {**os.environ, "PYTHONPATH": str(book), "AILIB_PROFILE": args.profile}
    env.pop(BOOK_BUILD_ENV, None)
    extra = dict(item.split("=", 1) for item in args.env)
    env.update(extra)

    chapters = chapters_in_toc(book)
    with_code = [c for c in chapters if "{code-cell}" in (book / c).read_text(encoding="utf-8")]
    for path in (args.chapter, args.module):
        if not (book / path).is_file():
            parser.error(f"{path} is not in the committed tree of {args.source}")
    expected_edit = sorted({args.chapter, *users_of(args.module, book, with_code)})

    print("# Book build benchmark")
    print(machine_info())
    print(f"commit: {commit.strip()}\nclone: {book}\nprofile: {args.profile}  extra environment: {extra or 'none'}"
          f"\npages in _toc.yml: {len(chapters)}, with code cells: {len(with_code)}")
    print(f"touch/edit: {args.chapter} and {args.module}; the edited build should execute {len(expected_edit)} "
          f"chapter(s): {', '.join(expected_edit)}", flush=True)

    builds = [build(book, "cold", env)]
    print(f"cold: {builds[-1].seconds:.1f} s, {len(builds[-1].executed)} executed", flush=True)
    builds.append(build(book, "unchanged", env))
    for path in (args.chapter, args.module):
        os.utime(book / path)
    builds.append(build(book, "touched (mtime only)", env))
    edit_chapter(book / args.chapter)
    with open(book / args.module, "a", encoding="utf-8") as module:
        module.write(f"\n{EDIT_MARK}\n")
    builds.append(build(book, "edited chapter + module", env))
    report(builds, with_code, expected_edit)
    for b in builds:
        if b.returncode != 0:
            print(f"\n## {b.name} build failed; the end of its log:\n{b.log[-4000:]}")


if __name__ == "__main__":
    main()
