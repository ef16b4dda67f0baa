"""커널이 물려받는 환경(book/_ext/kernel_env.py): 책 빌드 표시, OpenMP 스레드가 바쁘게 기다리지 않기, 인라인 그림."""
import os

import kernel_env
import pytest

from ailib.runtime import BOOK_BUILD_ENV, in_book_build


@pytest.fixture
def clean_env(monkeypatch):
    """setup()이 바꾸는 환경 변수를 시험이 끝나면 원래대로 돌린다."""
    for name in (BOOK_BUILD_ENV, "OMP_WAIT_POLICY", "MPLBACKEND"):
        monkeypatch.setenv(name, "placeholder")
        monkeypatch.delenv(name)
    return monkeypatch


def test_kernels_inherit_the_book_build_flag_a_passive_wait_policy_and_inline_figures(clean_env):
    clean_env.setenv("MPLBACKEND", "Agg")
    assert not in_book_build()
    kernel_env.setup(object())
    assert os.environ["OMP_WAIT_POLICY"] == "PASSIVE"
    assert os.environ[BOOK_BUILD_ENV] == "1" and in_book_build()
    assert os.environ["MPLBACKEND"] == kernel_env.INLINE_BACKEND


def test_a_wait_policy_chosen_by_the_user_is_kept(clean_env):
    clean_env.setenv("OMP_WAIT_POLICY", "ACTIVE")
    kernel_env.setup(object())
    assert os.environ["OMP_WAIT_POLICY"] == "ACTIVE"
