"""시험 공통 설정: 그림은 화면 없이 그리고, 책 빌드 표시는 끈다. 책 전체 빌드는 한 번만 한다."""
import os
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")
os.environ.pop("AILIB_BOOK_BUILD", None)

ROOT = Path(__file__).resolve().parents[1]
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


def build_book(book: Path, *extra: str, timeout: int = 1800,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """jupyter-book으로 책을 빌드하고 결과(종료 코드와 로그)를 돌려준다. env는 바꿀 환경 변수."""
    return subprocess.run([str(JUPYTER_BOOK), "build", str(book), *extra], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


@pytest.fixture(scope="session")
def built_book() -> Path:
    """진짜 책을 엄격 모드로 한 번 빌드하고 HTML 폴더를 돌려준다 (실패하면 로그와 함께 시험 실패)."""
    result = build_book(ROOT, "--warningiserror", "--keep-going")
    if result.returncode != 0:
        pytest.fail("책 빌드 실패 (book build failed):\n" + result.stdout[-8000:] + result.stderr[-8000:])
    return ROOT / "_build" / "html"


@pytest.fixture(scope="session")
def site_dir(request) -> Path:
    """시험할 HTML 폴더: 기본은 built_book. 개발할 때만 AILIB_SITE_DIR=<이미 빌드한 html 폴더>로 바꾼다."""
    override = os.environ.get("AILIB_SITE_DIR")
    return Path(override).resolve() if override else request.getfixturevalue("built_book")
