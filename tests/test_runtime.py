import random

import numpy as np
import pytest
import torch

import ailib


def test_device_prefers_cuda_then_mps_then_cpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert ailib.device() == torch.device("cuda")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    assert ailib.device() == torch.device("mps")
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)
    assert ailib.device() == torch.device("cpu")


def draw() -> tuple:
    model = torch.nn.Linear(4, 2)
    return random.random(), np.random.rand(3).tolist(), torch.randn(3).tolist(), model.weight.tolist()


def test_seed_everything_gives_identical_results_twice():
    ailib.seed_everything(123)
    first = draw()
    ailib.seed_everything(123)
    assert draw() == first
    ailib.seed_everything(124)
    assert draw() != first


@pytest.mark.parametrize("bad", [-1, 1.5, "7"])
def test_seed_everything_rejects_bad_seed(bad):
    with pytest.raises(ValueError, match="seed must be a non-negative integer"):
        ailib.seed_everything(bad)
