import pytest
import torch
from torch import nn

from ailib.models.unet import ConvPair, Up, UNet


def blob_batch(n: int = 8, size: int = 32, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """밝은 정사각형(전경)이 어두운 배경 위 무작위 위치에 있는 그림과 그 마스크."""
    generator = torch.Generator().manual_seed(seed)
    images = torch.rand(n, 3, size, size, generator=generator) * 0.3
    masks = torch.zeros(n, 1, size, size)
    for i in range(n):
        y, x = torch.randint(0, size // 2, (2,), generator=generator).tolist()
        masks[i, :, y:y + size // 2, x:x + size // 2] = 1
    return images + 0.6 * masks, masks


def test_unet_keeps_the_spatial_size_and_gives_one_logit_per_pixel():
    model = UNet(in_channels=3, out_channels=1, width=8, depth=3)
    assert model(torch.zeros(2, 3, 64, 64)).shape == (2, 1, 64, 64)
    assert UNet(width=4, depth=2, out_channels=3)(torch.zeros(1, 3, 16, 24)).shape == (1, 3, 16, 24)


def test_unet_channels_double_down_and_skips_are_concatenated():
    model = UNet(width=8, depth=3)
    assert [down[1][0].out_channels for down in model.downs] == [16, 32, 64]
    assert [up.upsample.out_channels for up in model.ups] == [32, 16, 8]
    assert [up.conv[0].in_channels for up in model.ups] == [64, 32, 16]  # 이어 붙여 채널이 두 배
    up = Up(16, 8)
    assert up(torch.zeros(1, 16, 4, 4), torch.zeros(1, 8, 8, 8)).shape == (1, 8, 8, 8)
    assert isinstance(up.upsample, nn.ConvTranspose2d) and up.upsample.stride == (2, 2)
    assert ConvPair(3, 5)(torch.zeros(1, 3, 7, 7)).shape == (1, 5, 7, 7)


def test_unet_rejects_sizes_it_cannot_halve():
    with pytest.raises(ValueError, match="divisible by 8"):
        UNet(depth=3)(torch.zeros(1, 3, 20, 20))
    with pytest.raises(ValueError, match="at least 1"):
        UNet(depth=0)


def test_one_step_lowers_the_segmentation_loss():
    torch.manual_seed(0)
    images, masks = blob_batch()
    model = UNet(width=4, depth=2)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    loss_fn = nn.BCEWithLogitsLoss()
    before = loss_fn(model(images), masks)
    optimizer.zero_grad()
    before.backward()
    optimizer.step()
    assert loss_fn(model(images), masks) < before
