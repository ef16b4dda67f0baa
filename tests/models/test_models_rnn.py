"""손으로 쓴 RNN 셀(W, U)이 nn.RNN과 같은 값을 내는가, 그리고 분류용 RNN의 모양과 학습."""
import pytest
import torch
from torch import nn

from ailib.models.rnn import HandRNN, SequenceClassifier, open_memory_gates, rnn_step

W = torch.tensor([[0.5, -0.3, 0.8], [0.2, 0.4, -0.6]])
U = torch.tensor([[0.1, 0.6], [-0.4, 0.3]])
SENTENCE = torch.eye(3).unsqueeze(0)          # "나는", "너를", "좋아해"의 원-핫, (1, 3, 3)


def test_rnn_step_is_the_notes_formula():
    x, h = torch.tensor([1.0, 0.0, 0.0]), torch.zeros(2)
    assert torch.allclose(rnn_step(x, h, W, U), torch.tanh(W[:, 0]))
    h1 = torch.tanh(W[:, 0])
    expected = torch.relu(W @ torch.tensor([0.0, 1.0, 0.0]) + U @ h1)
    assert torch.allclose(rnn_step(torch.tensor([0.0, 1.0, 0.0]), h1, W, U, "relu"), expected)


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_hand_rnn_equals_torch_rnn_with_the_same_w_and_u(activation):
    hand = HandRNN(W, U, activation)
    h0 = torch.tensor([[0.1, -0.2]])
    torch_rnn = hand.to_torch()
    expected, last = torch_rnn(SENTENCE, h0.unsqueeze(0))
    states = hand(SENTENCE, h0)
    assert states.shape == (1, 3, 2)
    assert torch.allclose(states, expected, atol=1e-6)
    assert torch.allclose(states[:, -1], last[0], atol=1e-6)
    batch = torch.randn(4, 7, 3)
    assert torch.allclose(hand(batch, torch.zeros(4, 2)), torch_rnn(batch)[0], atol=1e-6)


def test_hand_rnn_shares_w_and_u_over_time_and_checks_shapes():
    hand = HandRNN(W, U)
    assert sum(p.numel() for p in hand.parameters()) == 6 + 4
    hand(torch.randn(2, 50, 3), torch.zeros(2, 2)).sum().backward()
    assert hand.W.grad.shape == W.shape and hand.U.grad.abs().sum() > 0
    with pytest.raises(ValueError, match="W는"):
        HandRNN(W, torch.zeros(3, 3))
    with pytest.raises(ValueError, match="입력은"):
        hand(torch.randn(2, 3), torch.zeros(2, 2))
    with pytest.raises(ValueError, match="활성화"):
        HandRNN(W, U, "sigmoid")


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_sequence_classifier_shapes_and_learning(kind):
    torch.manual_seed(0)
    model = SequenceClassifier(kind, num_symbols=5, hidden_size=8, num_classes=3)
    symbols = torch.randint(0, 5, (16, 4))
    labels = symbols[:, -1] % 3
    assert model(symbols).shape == (16, 3)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    losses = []
    for _ in range(20):
        loss = nn.functional.cross_entropy(model(symbols), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < losses[0]


def test_sequence_classifier_rejects_unknown_kind():
    with pytest.raises(ValueError, match="kind"):
        SequenceClassifier("transformer", 5, 8, 3)


@pytest.mark.parametrize("layer, gate", [(nn.LSTM(4, 6, num_layers=2), 1), (nn.GRU(4, 6), 1)])
def test_open_memory_gates_sets_the_forget_or_update_bias(layer, gate):
    open_memory_gates(layer, 3.0)
    for k in range(layer.num_layers):
        chunks = getattr(layer, f"bias_ih_l{k}").chunk(layer.bias_ih_l0.numel() // 6)
        assert torch.all(chunks[gate] == 3.0)
        assert torch.all(getattr(layer, f"bias_hh_l{k}").chunk(len(chunks))[gate] == 0.0)
    with pytest.raises(TypeError):
        open_memory_gates(nn.RNN(4, 6), 3.0)
