import pytest
import torch
from torch import nn
from torchvision.models import resnet18

from ailib.models.summary import shape_table


def test_resnet18_stage_shapes_at_224():
    model = resnet18(weights=None)
    table = shape_table(model, torch.zeros(1, 3, 224, 224)).set_index("층")
    assert table.loc["conv1", "출력 모양"] == (64, 112, 112)
    assert table.loc["maxpool", "출력 모양"] == (64, 56, 56)
    assert [table.loc[f"layer{i}", "출력 모양"] for i in range(1, 5)] == [
        (64, 56, 56), (128, 28, 28), (256, 14, 14), (512, 7, 7)]
    assert table.loc["avgpool", "출력 모양"] == (512, 1, 1)
    assert table.loc["fc", "출력 모양"] == (1000,)
    assert table["파라미터 수"].sum() == sum(p.numel() for p in model.parameters())


def test_chosen_layers_hooks_are_removed_and_mode_restored():
    model = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
    model.train()
    table = shape_table(model, torch.zeros(2, 3, 8, 8), layers={"풀링": model[2]})
    assert table.to_dict("records") == [{"층": "풀링", "종류": "MaxPool2d", "출력 모양": (4, 4, 4), "파라미터 수": 0}]
    assert model.training and not model[2]._forward_hooks


def test_a_layer_called_twice_gives_two_rows():
    block = resnet18(weights=None).layer1[0]                 # BasicBlock는 같은 ReLU를 두 번 부른다
    table = shape_table(block, torch.zeros(1, 64, 56, 56))
    assert table["층"].tolist() == ["conv1", "bn1", "relu", "conv2", "bn2", "relu"]
    assert set(table["출력 모양"]) == {(64, 56, 56)}


def test_no_layers_is_an_error():
    with pytest.raises(ValueError, match="no layers"):
        shape_table(nn.Identity(), torch.zeros(1, 3), layers={})
