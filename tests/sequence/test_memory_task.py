"""첫 기호 기억하기 과제와 시점별 기울기."""
import numpy as np
import pytest
import torch

from ailib.sequence.memory_task import FirstTokenTask, gradient_per_step
from ailib.models.rnn import SequenceClassifier


def test_first_token_task_answer_is_the_first_symbol_and_the_rest_is_noise():
    task = FirstTokenTask(length=12, batch_size=5, batches=3, num_answers=4, num_noise=6, seed=0)
    symbols, answers = task.sample(200)
    assert symbols.shape == (200, 12) and answers.shape == (200,)
    assert torch.equal(symbols[:, 0], answers) and answers.max() < 4
    assert (symbols[:, 1:] >= 4).all() and (symbols < task.num_symbols).all()
    batches = list(task)
    assert len(batches) == len(task) == 3 and batches[0][0].shape == (5, 12)
    with pytest.raises(ValueError):
        FirstTokenTask(length=0)


def test_gradient_per_step_has_one_value_per_step_and_keeps_the_model():
    torch.manual_seed(0)
    task = FirstTokenTask(length=30, num_answers=4, num_noise=4)
    model = SequenceClassifier("rnn", task.num_symbols, 8, 4)
    before = [p.clone() for p in model.parameters()]
    grad = gradient_per_step(model, *task.sample(16))
    assert grad.shape == (30,) and np.all(grad > 0)          # float64: 첫 시점도 0으로 뭉개지지 않는다
    assert grad[0] < grad[-1]                                 # 기본 RNN: 앞 시점일수록 작다
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters()))
    assert next(model.parameters()).dtype == torch.float32
