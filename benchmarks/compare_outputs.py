"""Compare the executed text outputs of two book builds, chapter by chapter, ignoring wall-clock timings.

    python benchmarks/compare_outputs.py BEFORE/_build/jupyter_execute AFTER/_build/jupyter_execute

Reads every executed notebook (`<chapter>.ipynb`, written by myst-nb) under both folders and compares, cell by
cell, the text each output shows: streams, `text/plain`, `text/html` and `text/markdown`. Images
are not compared (only their count). Durations (`1.23 s`, `4.5초`, `12 ms`, `0:00:03`, `it/s`) are replaced by
a placeholder first, and so are the random ids pandas gives each styled table (`T_1d5eb`) and object
addresses (`at 0x7f…`), so only real differences remain. Exit status 0 if nothing differs, 1 otherwise.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

TEXT_MIMES = ("text/plain", "text/html", "text/markdown")
TIMING = re.compile(r"\d+(?:[.,]\d+)?\s*(?:(?:ms|µs|us|s|sec|seconds|it/s|s/it)\b|초|분)|\d+:\d{2}(?::\d{2})?")
STYLER_ID = re.compile(r"\bT_[0-9a-f]{5}(?=[_\"\s])")
ADDRESS = re.compile(r"\bat 0x[0-9a-f]+")   # <pandas.io.formats.style.Styler at 0x7f8adb52de90>
FINGERPRINT = "# ailib 지문"          # the build adds this hidden cell (book/_ext/fingerprint.py); a plain run has none


def normalise(text: str) -> str:
    """Timings replaced by <t>, pandas Styler ids by T_<id>; trailing spaces dropped."""
    text = ADDRESS.sub("at 0x<address>", STYLER_ID.sub("T_<id>", TIMING.sub("<t>", text)))
    return "\n".join(line.rstrip() for line in text.splitlines())


def cell_texts(notebook: dict) -> list[list[str]]:
    """For each code cell, its printed text (the streams joined) and then the text of each displayed output
    (an image counts as '<image>'). Glue outputs are skipped: myst-nb removes them from the page, while a
    notebook run without myst-nb keeps them."""
    cells = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code" or "".join(cell.get("source", "")).startswith(FINGERPRINT):
            continue
        outputs = [o for o in cell.get("outputs", []) if "scrapbook" not in o.get("metadata", {})]
        streams = ["".join(o["text"]) for o in outputs if "text" in o]
        shown = []
        for output in outputs:
            data = output.get("data", {})
            shown += [normalise("".join(data[mime])) for mime in sorted(data) if mime in TEXT_MIMES]
            shown += ["<image>" for mime in data if mime.startswith("image/")]
        printed = printed_text(streams)
        cells.append(([normalise(printed)] if printed else []) + shown)
    return cells


def printed_text(streams: list[str]) -> str:
    """Everything a cell printed. myst-nb writes the merged text as the first stream and keeps the later
    pieces after it (first = piece 1 + the rest); a plain nbclient run keeps only the pieces."""
    if len(streams) > 1 and streams[0].endswith("".join(streams[1:])):
        return streams[0]
    return "".join(streams)


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
