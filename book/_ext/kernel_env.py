"""커널이 물려받는 환경 (Sphinx extension): 장을 실행하는 커널은 책 빌드 프로세스의 환경 변수를 물려받는다.

- `AILIB_BOOK_BUILD=1` (ailib.runtime.BOOK_BUILD_ENV): 진행 막대 대신 에폭마다 한 줄, 표준 오류에 쓰지 않는다.
- `OMP_WAIT_POLICY=PASSIVE` (이미 정했으면 그 값): 코어를 나눠 쓸 때 OpenMP 스레드가 바쁘게 기다리며 CPU를
  빼앗지 않게 한다.
- `MPLBACKEND`는 언제나 노트북 내장(inline) 백엔드: 독자의 환경이 `MPLBACKEND=Agg`라도 그림이 쪽에 남는다.
"""
from __future__ import annotations

import os

from sphinx.application import Sphinx

from ailib.runtime import BOOK_BUILD_ENV

INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def setup(app: Sphinx) -> dict:
    os.environ[BOOK_BUILD_ENV] = "1"
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    os.environ["MPLBACKEND"] = INLINE_BACKEND  # 독자의 MPLBACKEND=Agg 등은 그림을 지운다
    return {"version": "1.2", "parallel_read_safe": True, "parallel_write_safe": True}
