import warnings

import pytest
import torch
from torch import nn

from ailib.train.losses import StrictMSELoss


def test_equal_shapes_give_the_ordinary_mse():
    outputs, targets = torch.tensor([[1.0], [2.0], [4.0]]), torch.tensor([[1.0], [1.0], [1.0]])
    assert StrictMSELoss()(outputs, targets).item() == pytest.approx(10 / 3)
    assert StrictMSELoss()(outputs, targets) == nn.MSELoss()(outputs, targets)


def test_column_against_flat_targets_is_stopped_before_it_broadcasts():
    outputs, targets = torch.zeros(4, 1), torch.zeros(4)
    assert (outputs - targets).shape == (4, 4)                 # 이것이 함정: (N, 1) − (N,) → (N, N)
    with warnings.catch_warnings():
        warnings.simplefilter("error")                         # nn.MSELoss처럼 경고만 하고 넘어가지 않는다
        with pytest.raises(ValueError, match=r"\(4, 1\)과 정답 \(4,\).*unsqueeze\(1\).*predicts the mean"):
            StrictMSELoss()(outputs, targets)


def test_the_broadcast_loss_is_minimised_by_predicting_the_mean():
    """함정의 결과: (N, N)으로 브로드캐스트된 손실은 모든 예측이 정답의 평균일 때 가장 작다."""
    targets = torch.tensor([1.0, 2.0, 6.0])
    prediction = torch.zeros(3, 1, requires_grad=True)
    optimizer = torch.optim.SGD([prediction], lr=0.1)
    for _ in range(200):
        optimizer.zero_grad()
        ((prediction - targets) ** 2).mean().backward()
        optimizer.step()
    torch.testing.assert_close(prediction.detach().squeeze(1), torch.full((3,), 3.0))
