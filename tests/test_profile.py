import pytest
import torch

import ailib
from ailib.profile import describe_profile


def test_default_profile_follows_the_hardware(monkeypatch):
    monkeypatch.delenv("AILIB_PROFILE", raising=False)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert ailib.current_profile() == "quick"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert ailib.current_profile() == "full"


@pytest.mark.parametrize("value, expected", [("quick", "quick"), ("full", "full"), (" FULL ", "full")])
def test_environment_variable_selects_profile(monkeypatch, value, expected):
    monkeypatch.setenv("AILIB_PROFILE", value)
    assert ailib.current_profile() == expected


def test_budget_picks_the_value_of_the_current_profile(monkeypatch):
    monkeypatch.setenv("AILIB_PROFILE", "quick")
    assert ailib.budget(quick=2, full=20) == 2
    monkeypatch.setenv("AILIB_PROFILE", "full")
    assert ailib.budget(quick=2, full=20) == 20


def test_unknown_profile_is_a_clear_error_listing_valid_values(monkeypatch):
    monkeypatch.setenv("AILIB_PROFILE", "fast")
    with pytest.raises(ailib.ProfileError) as error:
        ailib.budget(quick=1, full=2)
    message = str(error.value)
    assert "'fast'" in message and "quick, full" in message
    assert "알 수 없는 예산" in message and "Unknown AILIB_PROFILE" in message


def test_chapter_notice_names_the_profile_and_how_to_change_it(monkeypatch):
    monkeypatch.setenv("AILIB_PROFILE", "quick")
    notice = describe_profile()
    assert "quick" in notice and "AILIB_PROFILE=full" in notice
