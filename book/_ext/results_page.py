"""'이 책의 결과' 쪽과 results.json: 장마다 등록한 결과(`ailib.record_result`)를 한 표로 모은다.

- 값은 이번 빌드가 실행한(또는 캐시에서 꺼낸) 노트북의 glue 자료(`jupyter_execute/<장>.glue.json`)에서 읽는다.
  장의 쪽과 같은 출력에서 오므로 둘이 서로 다를 수 없다. 실행 시간은 myst-nb가 적어 둔 값이다.
- 결과 쪽(`{ailib-results}` 지시어가 있는 쪽)은 빌드할 때마다 다시 만든다(env-get-outdated).
- `benchmarks/results/full-*.json`(benchmarks/full_budget.py가 쓴 기록)이 있으면 '기록된 full 실행' 열에
  보여 주고, 기록한 뒤 장의 코드(코드 셀, 쓰는 ailib 파일, requirements.txt)가 바뀌었으면 '지난 기록'으로 표시한다.
- HTML 폴더에 results.json(한 줄에 한 객체 + 빌드의 커밋·날짜·예산·장치)을 쓴다.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ailib.results import Result, results_from_glue
from import_tracer import chapter_code, dependency_files

ROOT = Path(__file__).resolve().parents[2]
RECORDINGS = ROOT / "benchmarks" / "results"
JSON_NAME = "results.json"
STANDIN_MARK = "[대체 데이터]"   # 대체 데이터로 잰 줄의 데이터 칸 머리 (PDF 글꼴에도 있는 글자만)
EXTRA_INPUTS = ("requirements.txt",)
COLUMNS = ("장", "측정(단위)", "이번 빌드", "기준선", "교재의 값", "교재 버그의 비용", "데이터",
           "예산·장치·장의 실행 시간", "기록된 full 실행")


class results_placeholder(nodes.General, nodes.Element):
    """결과 표가 들어갈 자리 (쓰기 단계에서 표로 바뀐다)."""


class ResultsDirective(Directive):
    """`{ailib-results}`: 이 자리에 책 전체의 결과 표를 둔다."""

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        env.ailib_results_docs = getattr(env, "ailib_results_docs", set()) | {env.docname}
        return [results_placeholder()]


def code_fingerprint(docname: str, root: Path = ROOT) -> str | None:
    """장의 코드 지문: 코드 셀, 장이 가져오는 ailib 파일, requirements.txt (예산·장치·데이터는 빼고).

    full 실행 기록이 이번 책의 코드로 만든 것인지 가리는 데 쓴다. 코드가 없는 쪽이면 None.
    """
    source = root / f"{docname}.md"
    cells = chapter_code(source.read_text(encoding="utf-8")) if source.is_file() else None
    if cells is None:
        return None
    digest = hashlib.sha256("\n".join(cells).encode())
    for path in dependency_files(cells, root) + [root / name for name in EXTRA_INPUTS]:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def chapter_results(env: BuildEnvironment) -> dict[str, list[Result]]:
    """목차 순서대로, 결과를 등록한 장마다 그 결과들."""
    folder = Path(env.mystnb_config.output_folder)
    found = {}
    for docname in toc_order(env):
        glue_file = folder / f"{docname}.glue.json"
        if glue_file.is_file():
            rows = results_from_glue(json.loads(glue_file.read_text(encoding="utf-8")))
            if rows:
                found[docname] = rows
    return found


def toc_order(env: BuildEnvironment) -> list[str]:
    """목차(toctree)에서 읽히는 순서의 모든 쪽."""
    order: list[str] = []

    def visit(docname: str) -> None:
        if docname in order:
            return
        order.append(docname)
        for child in env.toctree_includes.get(docname, []):
            visit(child)

    visit(env.config.root_doc)
    return order


def execution_seconds(env: BuildEnvironment, docname: str) -> float | None:
    """myst-nb가 적어 둔 장의 실행 시간(캐시에서 꺼냈으면 캐시에 들어갈 때의 시간)."""
    from myst_nb.sphinx_ import NbMetadataCollector

    data = NbMetadataCollector.get_exec_data(env, docname) or {}
    return data.get("runtime")


def load_recordings(folder: Path = RECORDINGS) -> list[dict]:
    """커밋된 full 실행 기록들 (날짜 순)."""
    recordings = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("full-*.json"))]
    return sorted(recordings, key=lambda recording: recording["date"])


def recorded_value(recordings: Iterable[dict], docname: str, key: str,
                   current_fingerprint: str | None) -> str:
    """'기록된 full 실행' 칸: 가장 최근 기록의 값, 장의 코드가 그 뒤에 바뀌었으면 '지난 기록' 표시."""
    for recording in reversed(list(recordings)):
        chapter = recording["chapters"].get(docname)
        row = next((r for r in (chapter or {}).get("results", []) if r["key"] == key), None)
        if row is None:
            continue
        label = f"{format_value(row['value'], row['unit'])} ({recording['device']}, {recording['date'][:10]})"
        if chapter["fingerprint"] != current_fingerprint:
            label += " — 지난 기록: 그 뒤 장의 코드가 바뀜"
        return label
    return "기록 없음"


def format_value(value: float | None, unit: str) -> str:
    """표에 쓰는 값: 유효숫자 4자리와 단위."""
    if value is None:
        return "—"
    return f"{value:.4g} {unit}".strip()


def row_cells(result: Result, seconds: float | None, full: str) -> list[str]:
    """표 한 줄의 칸들 (첫 칸 '장'은 링크라서 따로 만든다)."""
    baseline = (f"{result.baseline}: {format_value(result.baseline_value, result.unit)}"
                if result.baseline else "—")
    data = (result.data or "장에서 만든 데이터") + (f", 시험 {result.n:,}개" if result.n else "")
    if result.standin:
        data = f"{STANDIN_MARK} {data}"
    run = f"{result.budget}, {result.device}" + (f", {seconds:.0f}초" if seconds is not None else "")
    what = f"{result.what} ({result.unit})" if result.unit else result.what
    return [what, format_value(result.value, result.unit), baseline, result.textbook or "—",
            result.bug_cost or "—", data, run, full]


def build_table(app: Sphinx, fromdocname: str) -> nodes.table:
    env = app.env
    recordings = load_recordings()
    table = nodes.table(classes=["ailib-results"])
    group = nodes.tgroup(cols=len(COLUMNS))
    table += group
    group.extend(nodes.colspec(colwidth=1) for _ in COLUMNS)
    head = nodes.thead()
    head += _row([nodes.Text(name) for name in COLUMNS])
    group += head
    body = nodes.tbody()
    for docname, results in chapter_results(env).items():
        fingerprint = code_fingerprint(docname)
        seconds = execution_seconds(env, docname)
        for result in results:
            link = nodes.reference("", env.titles[docname].astext(),
                                   refuri=app.builder.get_relative_uri(fromdocname, docname), internal=True)
            cells = row_cells(result, seconds, recorded_value(recordings, docname, result.key, fingerprint))
            row = _row([link, *(nodes.Text(cell) for cell in cells)])
            if result.standin:
                row["classes"].append("ailib-standin-row")
            body += row
    group += body
    return table


def _row(contents: list[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for content in contents:
        entry = nodes.entry()
        entry += nodes.paragraph("", "", content)
        row += entry
    return row


def recording_summary(recordings: list[dict]) -> str:
    if not recordings:
        return "기록된 full 실행: 아직 없습니다 (benchmarks/full_budget.py --record로 만든다)."
    latest = recordings[-1]
    return f"기록된 full 실행: {latest['device']}, {latest['date'][:10]} (커밋 {latest['commit'][:7]})."


def fill_results(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: 자리 표시를 표와 기록 안내로 바꾼다."""
    for placeholder in list(doctree.findall(results_placeholder)):
        summary = nodes.paragraph("", recording_summary(load_recordings()))
        scroll = nodes.container(classes=["ailib-results-scroll"])    # 좁은 화면에서는 표만 가로로 민다
        scroll += build_table(app, docname)
        placeholder.replace_self([summary, scroll])


def always_reread(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                  removed: set[str]) -> list[str]:
    """env-get-outdated: 결과 쪽은 다른 장이 바뀔 때마다 다시 만든다."""
    return sorted(getattr(env, "ailib_results_docs", set()) - added - changed)


def build_record(env: BuildEnvironment) -> dict:
    """results.json의 내용: 빌드 정보와 결과 한 줄에 한 객체."""
    build = {"commit": git_commit(), "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    rows = [{"chapter": docname, "title": env.titles[docname].astext(),
             "seconds": execution_seconds(env, docname), **asdict(result), **build}
            for docname, results in chapter_results(env).items() for result in results]
    return {**build, "budgets": sorted({row["budget"] for row in rows}),
            "devices": sorted({row["device"] for row in rows}), "results": rows}


def git_commit(root: Path = ROOT) -> str:
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return done.stdout.strip() if done.returncode == 0 else "unknown"


def write_json(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: HTML 폴더에 results.json."""
    if exception is None and app.builder.format == "html" and getattr(app.env, "ailib_results_docs", None):
        path = Path(app.outdir) / JSON_NAME
        path.write_text(json.dumps(build_record(app.env), ensure_ascii=False, indent=1), encoding="utf-8")


def merge_info(app: Sphinx, env: BuildEnvironment, docnames: list[str], other: BuildEnvironment) -> None:
    env.ailib_results_docs = getattr(env, "ailib_results_docs", set()) | getattr(other, "ailib_results_docs", set())


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env.ailib_results_docs = getattr(env, "ailib_results_docs", set()) - {docname}


def setup(app: Sphinx) -> dict:
    app.add_node(results_placeholder)
    app.add_directive("ailib-results", ResultsDirective)
    app.connect("env-get-outdated", always_reread)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("doctree-resolved", fill_results)
    app.connect("build-finished", write_json)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
