import pytest
import torch

from ailib.models.crnn import CRNN
from ailib.models.fixed_length import FixedLengthCNN, position_accuracy, position_decode, position_loss
from ailib.sequence.ctc import encode_texts
from training_steps import steps_lower_the_loss


@pytest.mark.parametrize("n, height, width, max_length", [(1, 32, 96, 6), (3, 48, 128, 4)])
def test_one_score_row_per_position_for_any_batch(n, height, width, max_length):
    model = FixedLengthCNN(num_classes=11, max_length=max_length, width=width, in_channels=1, channels=(4, 8, 8))
    assert model(torch.randn(n, 1, height, width)).shape == (n, max_length, 11)


def test_shares_the_crnn_trunk_and_refuses_another_width():
    model = FixedLengthCNN(5, max_length=3, width=64, channels=(4, 8, 8))
    crnn = CRNN(5, channels=(4, 8, 8))
    assert [p.shape for p in model.features.parameters()] == [p.shape for p in crnn.features.parameters()]
    with pytest.raises(ValueError, match="expects 8"):
        model(torch.randn(2, 3, 16, 96))


def test_loss_pads_short_labels_with_the_end_class():
    logits = torch.full((2, 3, 4), -10.0)
    logits[0, [0, 1, 2], [1, 2, 0]] = 10.0                 # "ab" + 끝
    logits[1, [0, 1, 2], [3, 0, 0]] = 10.0                 # "c" + 끝 + 끝
    targets = encode_texts(["ab", "c"], "abc")              # (2, 2): 셋째 자리는 손실이 0으로 채운다
    assert position_loss(logits, targets).item() < 1e-6
    assert position_loss(logits, torch.tensor([[1, 2], [3, 3]])).item() > 1.0
    with pytest.raises(ValueError, match="raise max_length"):
        position_loss(logits, torch.ones(2, 4, dtype=torch.long))


def test_decode_stops_at_the_first_end():
    logits = torch.nn.functional.one_hot(torch.tensor([[1, 2, 0, 3], [0, 1, 1, 1], [2, 2, 2, 2]]), 4).float()
    assert position_decode(logits) == [[1, 2], [], [2, 2, 2, 2]]
    assert position_accuracy(logits, torch.tensor([[1, 2, 0], [1, 0, 0], [2, 2, 2]])).item() == pytest.approx(1 / 3)


def test_a_few_steps_lower_the_loss_on_variable_length_labels():
    torch.manual_seed(0)
    model = FixedLengthCNN(num_classes=5, max_length=4, width=64, channels=(4, 8, 8))
    images = torch.randn(4, 3, 16, 64)
    targets = encode_texts(["abcd", "ab", "dcb", "a"], "abcd")
    steps_lower_the_loss(model.parameters(), lambda: position_loss(model(images), targets), steps=3, lr=1e-2)
