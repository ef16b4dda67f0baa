import pytest
import torch

from ailib.sequence.ctc import ctc_loss
from ailib.models.crnn import CRNN
from training_steps import steps_lower_the_loss


@pytest.mark.parametrize("n, height, width", [(1, 32, 96), (3, 48, 128), (2, 36, 64)])
def test_output_steps_are_width_over_eight_for_any_batch(n, height, width):
    model = CRNN(num_classes=11, in_channels=1, channels=(4, 8, 8), hidden_size=8)
    out = model(torch.randn(n, 1, height, width))
    assert out.shape == (n, width // 8, 11)


def test_one_step_lowers_the_ctc_loss():
    torch.manual_seed(0)
    model = CRNN(num_classes=5, in_channels=3, channels=(4, 8, 8), hidden_size=8)
    images, targets = torch.randn(4, 3, 16, 64), torch.randint(1, 5, (4, 3))
    steps_lower_the_loss(model.parameters(), lambda: ctc_loss(model(images), targets), lr=1e-2)
