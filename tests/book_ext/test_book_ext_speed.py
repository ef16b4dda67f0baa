"""책 빌드 확장이 커널에 물려주는 속도 설정: OpenMP 스레드가 바쁘게 기다리지(spin) 않게 한다."""
import importlib.util
import os
from pathlib import Path

import pytest
from conftest import ROOT

spec = importlib.util.spec_from_file_location("ailib_book", ROOT / "book" / "_ext" / "ailib_book.py")
ailib_book = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ailib_book)


class FakeSphinx:
    keep_going = False

    def __init__(self) -> None:
        self.events: list[str] = []

    def connect(self, event: str, handler) -> None:
        self.events.append(event)


@pytest.fixture
def clean_env(monkeypatch):
    """setup()이 바꾸는 환경 변수를 시험이 끝나면 원래대로 돌린다."""
    for name in ("AILIB_BOOK_BUILD", "OMP_WAIT_POLICY", "MPLBACKEND"):
        monkeypatch.setenv(name, "placeholder")
        monkeypatch.delenv(name)
    return monkeypatch


def test_kernels_inherit_a_passive_openmp_wait_policy(clean_env):
    ailib_book.setup(FakeSphinx())
    assert os.environ["OMP_WAIT_POLICY"] == "PASSIVE"
    assert os.environ["AILIB_BOOK_BUILD"] == "1"


def test_a_wait_policy_chosen_by_the_user_is_kept(clean_env):
    clean_env.setenv("OMP_WAIT_POLICY", "ACTIVE")
    ailib_book.setup(FakeSphinx())
    assert os.environ["OMP_WAIT_POLICY"] == "ACTIVE"
