"""수식은 책 사이트가 직접 보낸다 (MathJax served from the book's own _static, no CDN).

Sphinx의 기본 `mathjax_path`는 CDN 주소라서 인터넷이 없으면(`make serve`를 오프라인에서, 사내망, 시험용 브라우저)
모든 수식이 날 TeX(`\\(\\mu_c\\)`)로 보인다. 이 확장은

1. PyPI 패키지 django-static-mathjax(requirements.txt에 고정, npm의 mathjax 3.2.2 파일 그대로)에 든 MathJax
   `es5` 파일을 빌드할 때 `_build/html/_static/mathjax/`로 복사하고 `mathjax_path`를 그 파일로 정한다.
   저장소에는 MathJax를 넣지 않는다. `jupyter-book build .`만으로도 된다.
2. TeX 오류를 감추지 않는다: MathJax 3의 기본 패키지 noerrors·noundefined를 빼서, 없는 명령(`\\foo`)이나
   짝이 맞지 않는 괄호가 빨간 글자로 슬쩍 그려지는 대신 MathJax 오류(merror, `data-mjx-error`)가 된다.
   브라우저 시험(tests/book/test_site_browser.py)이 쪽마다 그 오류와 그려지지 않은 수식을 찾는다.
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

PACKAGE = "django-static-mathjax"          # PyPI 배포 이름
MODULE = "mathjax"                         # 그 배포가 설치하는 파이썬 패키지
ENTRY = "tex-mml-chtml.js"                 # Sphinx 기본값(CDN)과 같은 묶음: TeX·MathML 입력, HTML(CHTML) 출력
TARGET = "mathjax"                         # _static/mathjax/
# es5 폴더에서 쓰지 않는 다른 묶음들(SVG 출력, 음성 포함판 등)은 복사하지 않는다 (24 MB → 약 10 MB).
UNUSED = ("tex-chtml*.js", "tex-svg*.js", "tex-mml-svg.js", "mml-*.js", "node-main.js")


def mathjax_source() -> Path:
    """설치된 MathJax의 es5 폴더 (tex-mml-chtml.js와 글꼴·확장이 든 곳)."""
    spec = importlib.util.find_spec(MODULE)
    folder = Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax" if spec else None
    if folder is None or not (folder / "es5" / ENTRY).is_file():
        raise ExtensionError(f"MathJax 파일이 없습니다. `pip install -r requirements.txt`로 {PACKAGE}를 설치하세요. "
                             f"(MathJax is missing: install {PACKAGE} from requirements.txt.)")
    return folder


def use_local_mathjax(app: Sphinx, config) -> None:
    """config-inited: 수식 스크립트를 _static의 사본으로, TeX 오류는 보이게."""
    mathjax_source()                                   # 없으면 빌드를 시작하기 전에 알린다
    config.mathjax_path = f"{TARGET}/{ENTRY}"          # _static 기준 상대 경로 → 쪽마다 알맞은 ../_static/...
    settings = dict(config.mathjax3_config or {})
    tex = dict(settings.get("tex", {}))
    tex["packages"] = {"[-]": ["noerrors", "noundefined"]}
    settings["tex"] = tex
    config.mathjax3_config = settings


def copy_mathjax(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: es5 파일과 저작권 고지를 _static/mathjax/로 (판이 바뀌었을 때만 다시 복사)."""
    if exception is not None or app.builder.format != "html":
        return
    source, target = mathjax_source(), Path(app.outdir) / "_static" / TARGET
    version = importlib.metadata.version(PACKAGE)
    stamp = target / ".version"
    if stamp.is_file() and stamp.read_text() == version and (target / ENTRY).is_file():
        return
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source / "es5", target, ignore=shutil.ignore_patterns(*UNUSED))
    shutil.copy2(source / "LICENSE", target / "LICENSE")
    stamp.write_text(version)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", use_local_mathjax)
    app.connect("build-finished", copy_mathjax)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
