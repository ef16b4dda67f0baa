"""주가 RNN: h₀를 직접 받고, 출력은 (N, 1), 윈도 크기는 층 크기에 박혀 있지 않다."""
import pytest
import torch
from torch import nn

from ailib.models.price_rnn import PriceRNN


def test_textbook_sizes_and_explicit_h0():
    model = PriceRNN()
    assert (model.rnn.input_size, model.rnn.hidden_size, model.rnn.num_layers) == (3, 8, 5)
    h0 = model.initial_state(4)
    assert h0.shape == (5, 4, 8) and not h0.any()
    windows = torch.randn(4, 30, 3)
    assert model(windows).shape == (4, 1)
    assert torch.allclose(model(windows), model(windows, h0))
    short = windows[:, :2]                          # h₀의 흔적은 처음 몇 날에만 뚜렷하다
    assert not torch.allclose(model(short), model(short, torch.ones(5, 4, 8)))


@pytest.mark.parametrize("days", [5, 30, 60])
def test_any_window_size_runs_through_the_same_model(days):
    model = PriceRNN(num_features=4)
    assert model(torch.randn(2, days, 4)).shape == (2, 1)


def test_rejects_wrong_feature_count_and_learns_a_little():
    model = PriceRNN(hidden_size=4, num_layers=2)
    with pytest.raises(ValueError, match="특성 3개"):
        model(torch.randn(2, 30, 4))
    torch.manual_seed(0)
    windows = torch.rand(32, 10, 3)
    targets = windows[:, -1, :1]
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    losses = []
    for _ in range(25):
        loss = nn.functional.mse_loss(model(windows), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < losses[0] / 2


def test_textbook_head_flattens_every_day_and_fixes_the_window():
    model = PriceRNN(window=30)
    assert model.head.sizes == (240, 64, 1)                  # 30일 × 은닉 8 = 240
    windows = torch.randn(4, 30, 3)
    assert model(windows).shape == (4, 1)
    changed = windows.clone()
    changed[:, 0] += 1.0                                    # 첫날만 바꿔도 MLP가 그날의 은닉 상태를 직접 본다
    assert not torch.allclose(model(windows), model(changed))
    with pytest.raises(ValueError, match="30"):
        model(torch.randn(4, 10, 3))
    with pytest.raises(ValueError, match="window"):
        PriceRNN(window=0)
