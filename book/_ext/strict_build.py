"""엄격한 빌드: 경고가 하나라도 있으면(실패한 셀, 표준 오류 출력, 빠진 글리프 포함) 빌드가 실패한다.

`jupyter-book build .`만 실행해도 `-W --keep-going`과 같게 동작한다. 셀이 표준 오류(stderr)에 쓴 내용(예:
matplotlib의 "Glyph ... missing from font")은 경고 메시지에 그대로 옮겨 적는다. 경고나 오류가 있었던 쪽은
기억해 두었다가(`<doctrees>/ailib-warned.json`) 다음 빌드에서도 다시 읽는다: 캐시에서 가져온 출력이라도,
고칠 때까지 빌드는 계속 실패한다.
"""
from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging as sphinx_logging

logger = sphinx_logging.getLogger(__name__)

WARNED_FILE = "ailib-warned.json"


def warn_on_stderr(app: Sphinx, doctree: nodes.document) -> None:
    """doctree-read: 셀의 표준 오류 출력마다, 그 내용을 담은 경고를 낸다."""
    for node in doctree.findall(nodes.literal_block):
        if "stderr" in node["classes"]:
            logger.warning("셀이 표준 오류(stderr)에 출력했습니다. 경고를 없애세요 (a cell wrote to stderr):\n%s",
                           node.astext().strip()[:2000], location=node, type="ailib", subtype="stderr")


class WarningMemory(logging.Handler):
    """Sphinx의 경고(와 오류)가 어느 쪽에서 났는지 모아, 다음 빌드까지 파일로 기억한다."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app
        self.path = Path(app.doctreedir) / WARNED_FILE
        try:
            self.previous: set[str] = set(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            self.previous = set()
        self.current: set[str] = set()
        self.read: set[str] = set()      # 이번 빌드에서 다시 읽은 쪽

    def emit(self, record: logging.LogRecord) -> None:
        if sphinx_logging.is_suppressed_warning(getattr(record, "type", ""), getattr(record, "subtype", ""),
                                                self.app.config.suppress_warnings):
            return  # suppress_warnings로 끈 경고는 기억하지 않는다
        docname = self._docname(getattr(record, "location", None))
        if docname is not None:
            self.current.add(docname)

    def _docname(self, location: object) -> str | None:
        env = self.app.env
        if isinstance(location, nodes.Node):
            location = sphinx_logging.get_node_location(location)
        if isinstance(location, tuple):
            location = location[0]
        if not isinstance(location, str) or env is None:
            return None
        if location in env.found_docs:
            return location
        path = re.sub(r":\d*$", "", location)
        return env.path2doc(path) if os.path.isabs(path) else None

    def note_read(self, app: Sphinx, docname: str, source: list[str]) -> None:
        """source-read: 이 쪽은 이번 빌드에서 다시 읽었다 (옛 기록 대신 이번 기록이 남는다)."""
        self.read.add(docname)

    def warned_last_time(self, app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                         removed: set[str]) -> list[str]:
        """env-get-outdated: 지난 빌드에서 경고가 있었던 쪽을 다시 읽게 한다."""
        warned = sorted(self.previous & env.found_docs - added - changed - removed)
        for docname in warned:
            logger.info("지난 빌드에서 경고가 있었던 쪽을 다시 읽습니다 (re-reading a page that warned last time): %s",
                        docname)
        return warned

    def save(self, app: Sphinx, exception: BaseException | None) -> None:
        """build-finished: 이번에 다시 읽지 않은 쪽의 옛 기록 + 이번 기록."""
        remembered = (self.previous - self.read) | self.current
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(sorted(remembered), ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # doctrees 폴더에 쓸 수 없으면 이번 빌드의 엄격함만 남는다


def remember_warnings(app: Sphinx) -> None:
    """builder-inited: 경고 기록기를 Sphinx의 로거에 달고, 그 기록기가 들을 사건을 잇는다."""
    memory = WarningMemory(app)
    logging.getLogger(sphinx_logging.NAMESPACE).addHandler(memory)
    app.connect("source-read", memory.note_read)
    app.connect("env-get-outdated", memory.warned_last_time)
    app.connect("build-finished", memory.save)


def setup(app: Sphinx) -> dict:
    app.keep_going = True  # 경고가 있으면 끝까지 보고한 뒤 실패한다 (= -W --keep-going)
    app.connect("builder-inited", remember_warnings)
    app.connect("doctree-read", warn_on_stderr)
    return {"version": "1.2", "parallel_read_safe": False, "parallel_write_safe": True}
