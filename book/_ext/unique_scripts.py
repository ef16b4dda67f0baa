"""쪽마다 같은 인라인 스크립트를 한 번만 넣는다 (drop duplicated inline scripts from every page).

Sphinx 7.4는 빌더가 만들어진 뒤 `app.add_js_file(None, body=...)`로 더한 스크립트(sphinx-thebe의
`const THEBE_JS_URL = ...`, sphinx-togglebutton의 선택자)를 쪽에 두 번 넣는다: 한 번은 파일 이름 None으로,
한 번은 prepare_writing에서 ''로. 두 번째 `const` 선언이 모든 쪽에서 SyntaxError를 낸다
("Identifier 'THEBE_JS_URL' has already been declared"). 파일 이름과 속성이 같은 스크립트는 하나만 남긴다.
"""
from __future__ import annotations

from sphinx.application import Sphinx


def drop_duplicate_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """html-page-context: script_files에서 (파일 이름, 속성)이 같은 두 번째 스크립트부터 뺀다."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        key = (script.filename or "", tuple(sorted(script.attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique   # 빌더의 목록 그 자체: Sphinx가 쪽을 쓴 뒤 원래대로 되돌린다


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
