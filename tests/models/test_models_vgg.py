import pytest
import torch
from torch import nn
from torchvision.models import vgg16 as torchvision_vgg16

import ailib
from ailib.train.batches import TensorBatches
from ailib.models import vgg
from ailib.data import offline
from ailib.models.summary import count_parameters
from ailib.models.vgg import build_vgg16, extract_features, freeze, layer_table

VGG16_IMAGENET_PARAMETERS = 138_357_544              # torchvision 문서의 값 (1000 클래스)
HEAD_1000, HEAD_10 = 4096 * 1000 + 1000, 4096 * 10 + 10
FEATURE_PARAMETERS = 14_714_688                      # 합성곱 13개


@pytest.fixture(scope="module")
def model() -> nn.Module:
    return build_vgg16(num_classes=10, pretrained=False)


def fake_imagenet_weights() -> dict[str, torch.Tensor]:
    """진짜 가중치 파일과 같은 이름·모양(1000 클래스)의 state_dict. 값은 층마다 다른 상수."""
    with torch.device("meta"):
        shapes = {name: tensor.shape for name, tensor in torchvision_vgg16().state_dict().items()}
    return {name: torch.full(shape, 0.001 * i) for i, (name, shape) in enumerate(shapes.items())}


def test_new_head_gives_ten_scores_and_the_parameter_count_changes_accordingly(model):
    assert model.classifier[-1].out_features == 10
    assert model(torch.zeros(2, 3, 32, 32)).shape == (2, 10)
    assert count_parameters(model) == VGG16_IMAGENET_PARAMETERS - HEAD_1000 + HEAD_10


def test_layer_table_has_the_shape_after_every_block(model):
    table = layer_table(model, image_size=224)
    after_block = table.groupby("블록", sort=False)["출력 모양"].last()
    assert after_block.to_dict() == {
        "블록 1": (64, 112, 112), "블록 2": (128, 56, 56), "블록 3": (256, 28, 28), "블록 4": (512, 14, 14),
        "블록 5": (512, 7, 7), "평균 풀링": (512, 7, 7), "분류기": (10,)}
    assert (table["층"].str.startswith("Conv2d")).sum() == 13 and (table["층"].str.startswith("Linear")).sum() == 3
    assert table["파라미터 수"].sum() == count_parameters(model)
    assert table.loc[table["블록"] == "블록 1", "파라미터 수"].sum() == (3 * 64 * 9 + 64) + (64 * 64 * 9 + 64)
    small = layer_table(model, image_size=32).groupby("블록", sort=False)["출력 모양"].last()
    assert small["블록 5"] == (512, 1, 1) and small["평균 풀링"] == (512, 7, 7)


def test_extract_features_gives_one_pooled_512_vector_per_image_in_order(model):
    images = torch.rand(5, 3, 64, 64)
    labels = torch.tensor([3, 1, 4, 1, 5])
    features, targets = extract_features(model, TensorBatches(images, labels, 2, device="cpu"))
    with torch.no_grad():
        expected = model.features(images).mean(dim=(2, 3))   # 64×64 → 2×2 특징 맵, 채널마다 평균
    assert features.shape == (5, 512) and not features.requires_grad
    assert torch.allclose(features, expected, atol=1e-6)
    assert torch.equal(targets, labels)


def test_training_lowers_the_loss_and_frozen_features_stay_frozen():
    ailib.seed_everything(0)
    model = build_vgg16(num_classes=2, pretrained=False, freeze_features=True)
    assert not any(p.requires_grad for p in model.features.parameters())
    assert all(p.requires_grad for p in model.classifier.parameters())
    assert count_parameters(model, trainable_only=True) == count_parameters(model) - FEATURE_PARAMETERS
    features_before = {k: v.clone() for k, v in model.features.state_dict().items()}
    head_before = model.classifier[-1].weight.clone()
    inputs = torch.rand(8, 3, 32, 32)
    inputs[4:, 0] += 1.0                                          # 두 번째 클래스는 붉다
    labels = torch.tensor([0] * 4 + [1] * 4)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)     # 얼린 가중치를 넘겨도 바뀌지 않아야 한다
    model.eval()                                                  # 드롭아웃 없이 손실을 비교한다
    losses = []
    for _ in range(4):
        loss = nn.functional.cross_entropy(model(inputs), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < losses[0]
    assert all(p.grad is None for p in model.features.parameters())
    assert all(torch.equal(v, features_before[k]) for k, v in model.features.state_dict().items())
    assert not torch.equal(model.classifier[-1].weight, head_before)


def test_pretrained_weights_are_loaded_and_only_the_head_is_new(monkeypatch):
    weights = fake_imagenet_weights()
    monkeypatch.setattr(vgg, "vgg16_weights", lambda: weights)
    model = build_vgg16(num_classes=10, pretrained=True)
    state = model.state_dict()
    assert torch.equal(state["features.0.weight"], weights["features.0.weight"])
    assert torch.equal(state["classifier.3.weight"], weights["classifier.3.weight"])
    assert state["classifier.6.weight"].shape == (10, 4096)


def test_missing_pretrained_weights_are_announced_once_by_the_loader(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("AILIB_OFFLINE", "1")
    monkeypatch.setenv("AILIB_DATA", str(tmp_path))
    monkeypatch.setattr(offline, "_noticed", set())
    model = build_vgg16(num_classes=10, pretrained=True)
    out = capsys.readouterr().out
    assert out.count("[데이터 안내]") == 1 and "무작위 초기화" in out and "이점이 나타나지 않습니다" in out
    assert model(torch.zeros(1, 3, 32, 32)).shape == (1, 10)
    build_vgg16(num_classes=10, pretrained=True)              # 두 번째 모델: 안내는 한 번이면 된다
    assert capsys.readouterr().out == ""


def test_bad_arguments_give_clear_errors(model):
    with pytest.raises(ValueError, match="num_classes"):
        build_vgg16(num_classes=1, pretrained=False)
    with pytest.raises(ValueError, match="at least 32"):
        layer_table(model, image_size=16)


def test_freeze_turns_off_gradients_of_any_module():
    layer = nn.Linear(3, 2)
    freeze(layer)
    assert count_parameters(layer, trainable_only=True) == 0 and count_parameters(layer) == 8
