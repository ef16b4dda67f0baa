"""Compare the executed text outputs of two book builds, chapter by chapter, ignoring wall-clock timings.

    python benchmarks/compare_outputs.py BEFORE/_build/jupyter_execute AFTER/_build/jupyter_execute

Reads every executed notebook (`<chapter>.ipynb`, written by myst-nb) under both folders and compares, cell by
cell, the text each output shows: streams, `text/plain`, `text/html`, `text/markdown` and glued values. Images
are not compared (only their count). Durations (`1.23 s`, `4.5초`, `12 ms`, `0:00:03`, `it/s`) are replaced by
a placeholder first, and so are the random ids pandas gives each styled table (`T_1d5eb`), so only real
differences remain. Exit status 0 if nothing differs, 1 otherwise.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

TEXT_MIMES = ("text/plain", "text/html", "text/markdown")
TIMING = re.compile(r"\d+(?:[.,]\d+)?\s*(?:ms|µs|us|s|sec|seconds|초|분|it/s|s/it)\b|\d+:\d{2}(?::\d{2})?")
STYLER_ID = re.compile(r"\bT_[0-9a-f]{5}\b")


def normalise(text: str) -> str:
    """Timings replaced by <t>, pandas Styler ids by T_<id>; trailing spaces dropped."""
    text = STYLER_ID.sub("T_<id>", TIMING.sub("<t>", text))
    return "\n".join(line.rstrip() for line in text.splitlines())


def cell_texts(notebook: dict) -> list[list[str]]:
    """For each code cell, the normalised texts of its outputs, in order (an image counts as '<image>')."""
    cells = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        texts = []
        for output in cell.get("outputs", []):
            if "text" in output:
                texts.append(normalise("".join(output["text"])))
            data = output.get("data", {})
            texts += [normalise("".join(data[mime])) for mime in sorted(data)
                      if mime.split("/", 2)[-1] in TEXT_MIMES or mime in TEXT_MIMES]
            texts += ["<image>" for mime in data if mime.startswith("image/")]
        cells.append(texts)
    return cells


def compare(before: Path, after: Path) -> list[str]:
    """Human-readable differences (empty if the builds agree)."""
    names = sorted({p.relative_to(before).as_posix() for p in before.rglob("*.ipynb")}
                   | {p.relative_to(after).as_posix() for p in after.rglob("*.ipynb")})
    problems = []
    for name in names:
        if not (before / name).is_file() or not (after / name).is_file():
            problems.append(f"{name}: only in {'after' if (after / name).is_file() else 'before'}")
            continue
        old, new = (cell_texts(json.loads((folder / name).read_text(encoding="utf-8"))) for folder in (before, after))
        if len(old) != len(new):
            problems.append(f"{name}: {len(old)} code cells before, {len(new)} after")
            continue
        for index, (a, b) in enumerate(zip(old, new)):
            if a != b:
                first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
                show = lambda outs: outs[first][:300] if first < len(outs) else "<none>"  # noqa: E731
                problems.append(f"{name}: code cell {index + 1}, output {first + 1}:\n"
                                f"  before: {show(a)!r}\n  after:  {show(b)!r}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args()
    problems = compare(args.before, args.after)
    count = len(list(args.before.rglob("*.ipynb")))
    print("\n".join(problems) if problems else f"identical text outputs in {count} notebooks (timings ignored)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
