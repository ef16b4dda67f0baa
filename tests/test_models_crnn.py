import pytest
import torch

from ailib.ctc import ctc_loss
from ailib.models.crnn import CRNN


@pytest.mark.parametrize("n, height, width", [(1, 32, 96), (3, 48, 128), (2, 36, 64)])
def test_output_steps_are_width_over_eight_for_any_batch(n, height, width):
    model = CRNN(num_classes=11, in_channels=1, channels=(4, 8, 8), hidden_size=8)
    out = model(torch.randn(n, 1, height, width))
    assert out.shape == (n, width // 8, 11)


def test_one_step_lowers_the_ctc_loss():
    torch.manual_seed(0)
    model = CRNN(num_classes=5, in_channels=3, channels=(4, 8, 8), hidden_size=8)
    images, targets = torch.randn(4, 3, 16, 64), torch.randint(1, 5, (4, 3))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    losses = []
    for _ in range(2):
        loss = ctc_loss(model(images), targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[1] < losses[0]
