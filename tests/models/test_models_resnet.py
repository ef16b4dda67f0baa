import pytest
import torch
from torch import nn

import ailib
from ailib.models.resnet import CifarResNet, ResidualBlock, make_stage, projection


def conv_params(c_in: int, c_out: int, k: int = 3) -> int:
    return c_out * c_in * k * k


def bn_params(channels: int) -> int:
    return 2 * channels  # γ와 β


def test_residual_block_keeps_the_size_and_sets_the_channels():
    block = make_stage(3, 64)[0]
    assert block(torch.zeros(2, 3, 32, 32)).shape == (2, 64, 32, 32)
    assert block(torch.zeros(1, 3, 7, 9)).shape == (1, 64, 7, 9)


def test_shortcut_is_a_projection_only_when_the_channels_change():
    changing = make_stage(64, 128, blocks=2)
    same = make_stage(128, 128)
    assert isinstance(changing[0].downsample, nn.Sequential)
    conv, norm = changing[0].downsample
    assert (conv.kernel_size, conv.in_channels, conv.out_channels) == ((1, 1), 64, 128)
    assert isinstance(norm, nn.BatchNorm2d)
    assert changing[1].downsample is None and same[0].downsample is None
    # 지름길 없는 평범한 블록에는 다운샘플도 없다
    assert make_stage(64, 128, shortcut=False)[0].downsample is None


def test_identity_shortcut_adds_the_input():
    block = ResidualBlock(8, 8)
    nn.init.zeros_(block.bn2.weight)  # F(x) = β = 0 → 출력 = ReLU(x)
    x = torch.randn(2, 8, 5, 5)
    assert torch.allclose(block(x), torch.relu(x))
    plain = ResidualBlock(8, 8, shortcut=False)
    nn.init.zeros_(plain.bn2.weight)
    assert torch.count_nonzero(plain(x)) == 0


def test_block_that_changes_channels_without_downsample_is_refused():
    with pytest.raises(ValueError, match="downsample"):
        ResidualBlock(3, 64)
    with pytest.raises(ValueError, match="blocks"):
        make_stage(3, 64, blocks=0)


def test_cifar_resnet_shapes_and_any_input_size():
    model = CifarResNet()
    x = torch.zeros(4, 3, 32, 32)
    assert model.features(x).shape == (4, 256, 8, 8)
    assert model(x).shape == (4, 10)
    # 전역 평균 풀링 덕분에 다른 크기도 받는다
    assert model(torch.zeros(2, 3, 64, 48)).shape == (2, 10)
    assert model(torch.zeros(1, 3, 20, 20)).shape == (1, 10)
    assert CifarResNet(num_classes=3)(x).shape == (4, 3)
    with pytest.raises(ValueError, match="CifarResNet"):
        model(torch.zeros(3, 32, 32))


def test_parameter_count_follows_the_layer_sizes():
    def stage(c_in: int, c_out: int) -> int:
        return (conv_params(c_in, c_out) + conv_params(c_out, c_out) + 2 * bn_params(c_out)
                + conv_params(c_in, c_out, k=1) + bn_params(c_out))
    expected = stage(3, 64) + stage(64, 128) + stage(128, 256) + 256 * 10 + 10
    assert sum(p.numel() for p in CifarResNet().parameters()) == expected


def test_plain_twin_shares_the_code_and_has_no_projections():
    plain = CifarResNet(shortcut=False)
    residual = CifarResNet()
    assert all(block.downsample is None for block in plain.modules() if isinstance(block, ResidualBlock))
    projections = [m for m in residual.modules() if isinstance(m, ResidualBlock) and m.downsample is not None]
    assert len(projections) == 3
    assert plain(torch.zeros(1, 3, 32, 32)).shape == (1, 10)
    no_bn = CifarResNet(batch_norm=False)
    assert not any(isinstance(m, nn.BatchNorm2d) for m in no_bn.modules())
    assert no_bn.layer1[0].conv1.bias is not None  # BN이 없으면 합성곱이 편향을 가진다
    deeper = CifarResNet(blocks=(2, 2, 2), channels=(8, 16, 32))
    assert len(deeper.layer2) == 2 and deeper(torch.zeros(1, 3, 32, 32)).shape == (1, 10)
    with pytest.raises(ValueError, match="stages"):
        CifarResNet(channels=(64, 128))


@pytest.mark.parametrize("shortcut", [True, False])
def test_gradients_reach_the_first_layer(shortcut):
    ailib.seed_everything(0)
    model = CifarResNet(channels=(8, 16, 32), shortcut=shortcut)
    loss = nn.functional.cross_entropy(model(torch.randn(4, 3, 16, 16)), torch.tensor([0, 1, 2, 3]))
    loss.backward()
    first = model.layer1[0].conv1.weight.grad
    assert first is not None and first.abs().sum() > 0


def test_batch_norm_differs_in_train_and_eval_mode():
    ailib.seed_everything(0)
    model = CifarResNet(channels=(8, 16, 32))
    x = torch.randn(6, 3, 16, 16) * 3 + 1
    model.train()
    train_out = model(x)
    bn = model.layer1[0].bn1
    assert bn.num_batches_tracked == 1 and not torch.allclose(bn.running_mean, torch.zeros(8))
    model.eval()
    with torch.no_grad():
        eval_out, again = model(x), model(x)
    assert not torch.allclose(train_out, eval_out, atol=1e-3)
    assert torch.equal(eval_out, again) and bn.num_batches_tracked == 1  # 평가 모드는 통계를 바꾸지 않는다


def test_batch_norm_running_var_collects_the_unbiased_batch_variance():
    """배치 정규화 장의 문장: running_var ← 0.9·running_var + 0.1·m/(m−1)·σ_B² (정규화에는 σ_B²)."""
    x = torch.randn(2, 3, 2, 2) * 2 + 1                    # 채널마다 m = 8개
    bn = nn.BatchNorm2d(3)
    out = bn(x)
    m = 8
    biased = x.var(dim=(0, 2, 3), unbiased=False)
    assert torch.allclose(bn.running_var, 0.9 + 0.1 * biased * m / (m - 1))
    assert not torch.allclose(bn.running_var, 0.9 + 0.1 * biased)
    normalized = (x - x.mean(dim=(0, 2, 3), keepdim=True)) / torch.sqrt(biased.view(1, 3, 1, 1) + bn.eps)
    assert torch.allclose(out, normalized, atol=1e-5)      # 정규화 자체는 m으로 나눈 분산


def test_projection_without_batch_norm_has_a_bias():
    conv, norm = projection(4, 8, batch_norm=False)
    assert conv.bias is not None and isinstance(norm, nn.Identity)


def test_training_steps_lower_the_loss_on_a_tiny_batch():
    ailib.seed_everything(0)
    inputs = torch.randn(16, 3, 16, 16)
    labels = (inputs[:, 0].mean(dim=(1, 2)) > 0).long()
    model = CifarResNet(num_classes=2, channels=(8, 16, 32))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    loss_fn = nn.CrossEntropyLoss()
    losses = []
    for _ in range(8):
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < 0.5 * losses[0]
