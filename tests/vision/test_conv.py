import pytest
import torch
import torch.nn.functional as F

from ailib.vision.conv import (convolve, feature_map_size, most_active_channels, pad, plot_feature_maps, plot_kernel_positions, plot_matrices,
                        plot_padding, plot_pooling, pool)
from ailib.plotting import use_korean_font

pytestmark = pytest.mark.filterwarnings("error")  # 빠진 글리프(한글) 경고도 실패로 본다

SMALL = torch.tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
NOTES_POOLING = torch.tensor([[2, 2, 7, 3], [9, 4, 6, 1], [8, 5, 2, 4], [3, 1, 2, 6]])  # 4주차 노트의 예


@pytest.fixture(autouse=True)
def korean_font():
    use_korean_font()


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


@pytest.mark.parametrize("n, k, s, p, expected", [
    (5, 3, 2, 0, 2),    # 노트: 5×5 이미지, 3×3 커널, stride 2 → 2×2 특징 맵
    (5, 3, 1, 0, 3),    # stride 1이면 3×3 (9번 움직인다)
    (3, 3, 1, 0, 1),    # 노트: 3×3 이미지에 3×3 커널 → 1×1
    (3, 3, 1, 1, 3),    # 패딩 1이면 크기가 유지된다
    (32, 3, 1, 1, 32),
    (224, 7, 2, 3, 112),  # ResNet의 첫 7×7 합성곱
    (6, 3, 2, 0, 2),    # 나누어떨어지지 않으면 내림
])
def test_feature_map_size_formula(n, k, s, p, expected):
    assert feature_map_size(n, k, stride=s, padding=p) == expected


def test_convolve_matches_conv2d_and_the_notes_sizes():
    generator = torch.Generator().manual_seed(0)
    image = torch.randint(0, 4, (5, 5), generator=generator).float()
    kernel = torch.randint(-1, 2, (3, 3), generator=generator).float()
    for stride, size in ((1, 3), (2, 2)):
        by_hand = convolve(image, kernel, stride=stride)
        assert by_hand.shape == (size, size)
        assert torch.equal(by_hand, F.conv2d(image.view(1, 1, 5, 5), kernel.view(1, 1, 3, 3), stride=stride)[0, 0])
    assert convolve(SMALL, torch.ones(3, 3, dtype=torch.long)).tolist() == [[45]]


def test_an_rgb_filter_sums_one_kernel_per_channel():
    generator = torch.Generator().manual_seed(1)
    image = torch.randint(0, 3, (3, 4, 4), generator=generator).float()
    rgb_filter = torch.randint(-1, 2, (3, 3, 3), generator=generator).float()
    per_channel = sum(convolve(image[c], rgb_filter[c]) for c in range(3))
    assert torch.equal(convolve(image, rgb_filter), per_channel)
    assert torch.equal(per_channel, F.conv2d(image.unsqueeze(0), rgb_filter.unsqueeze(0))[0, 0])


def test_three_padding_modes_on_a_small_image():
    assert pad(SMALL, 1, "zero").tolist() == [
        [0, 0, 0, 0, 0], [0, 1, 2, 3, 0], [0, 4, 5, 6, 0], [0, 7, 8, 9, 0], [0, 0, 0, 0, 0]]
    assert pad(SMALL, 1, "reflection").tolist() == [   # 가장자리를 거울삼아: 두 번째 행·열이 바깥에 온다
        [5, 4, 5, 6, 5], [2, 1, 2, 3, 2], [5, 4, 5, 6, 5], [8, 7, 8, 9, 8], [5, 4, 5, 6, 5]]
    assert pad(SMALL, 1, "replication").tolist() == [  # 가장자리 값을 그대로 복사
        [1, 1, 2, 3, 3], [1, 1, 2, 3, 3], [4, 4, 5, 6, 6], [7, 7, 8, 9, 9], [7, 7, 8, 9, 9]]
    rgb = torch.stack([SMALL, SMALL * 10])
    assert pad(rgb, 1, "replication").shape == (2, 5, 5)
    assert convolve(pad(SMALL, 1).float(), torch.ones(3, 3)).shape == (3, 3)


def test_pooling_reproduces_the_notes_example_and_torch():
    assert pool(NOTES_POOLING, 2, mode="max").tolist() == [[9, 7], [8, 6]]
    assert pool(NOTES_POOLING, 2, mode="average").tolist() == [[4.25, 4.25], [4.25, 3.5]]
    x = NOTES_POOLING.float().view(1, 1, 4, 4)
    assert torch.equal(pool(NOTES_POOLING, 2, mode="max"), F.max_pool2d(x, 2)[0, 0])
    assert torch.equal(pool(NOTES_POOLING, 2, mode="average"), F.avg_pool2d(x, 2)[0, 0])
    assert pool(NOTES_POOLING, 2, stride=1).shape == (3, 3)


def test_figures_show_the_computed_numbers():
    fig = plot_kernel_positions(torch.arange(25).view(5, 5), torch.ones(3, 3, dtype=torch.long), stride=2)
    assert len(fig.axes) == 4 + 1
    feature_map = convolve(torch.arange(25).view(5, 5), torch.ones(3, 3, dtype=torch.long), stride=2)
    assert texts(fig.axes[-1]) == [f"{v:g}" for v in feature_map.flatten().tolist()]
    assert len(plot_kernel_positions(torch.arange(25).view(5, 5), torch.ones(3, 3), stride=1).axes) == 9 + 1
    pooled = plot_pooling(NOTES_POOLING)
    assert texts(pooled.axes[1]) == ["9", "7", "8", "6"]
    assert texts(pooled.axes[2]) == ["4.25", "4.25", "4.25", "3.5"]
    padded = plot_padding(SMALL)
    assert [ax.get_title() for ax in padded.axes] == ["원본", "제로 패딩", "반사 패딩", "복제 패딩"]
    assert len(plot_matrices({"a": SMALL, "b": SMALL, "c": SMALL}, ncols=2).axes) == 4
    maps = plot_feature_maps({"블록 1": torch.rand(16, 8, 8), "블록 2": torch.rand(4, 4, 4)}, channels=8)
    assert len(maps.axes) == 16 and maps.axes[8].get_ylabel() == "블록 2"
    assert len(maps.axes[8].images) == 1 and len(maps.axes[12].images) == 0   # 채널이 4개뿐인 줄


def test_feature_maps_show_most_active_channels_and_korean_stride():
    block = torch.zeros(6, 4, 4)
    block[4] = 3.0
    block[1] = 1.0
    assert most_active_channels(block, 2) == [4, 1]
    fig = plot_feature_maps({"블록": block}, channels=2, most_active=True)
    assert [ax.get_title() for ax in fig.axes] == ["채널 4", "채널 1"]
    positions = plot_kernel_positions(torch.arange(25).view(5, 5), torch.ones(3, 3), stride=2)
    assert "스트라이드 2" in positions.axes[-1].get_title()
    assert all("stride" not in ax.get_title() for ax in positions.axes)


@pytest.mark.parametrize("call, message", [
    (lambda: feature_map_size(3, 5), "larger than the padded input"),
    (lambda: feature_map_size(5, 3, stride=0), "stride"),
    (lambda: convolve(torch.zeros(3, 5, 5), torch.zeros(2, 3, 3)), "one kernel per image channel"),
    (lambda: convolve(torch.zeros(1, 1, 5, 5), torch.zeros(3, 3)), r"\(H, W\) or \(C, H, W\)"),
    (lambda: pad(SMALL, 1, "mirror"), "unknown padding mode"),
    (lambda: pad(SMALL, 3, "reflection"), "smaller than the image side"),
    (lambda: pool(NOTES_POOLING, 2, mode="min"), "max or average"),
    (lambda: plot_kernel_positions(torch.zeros(3, 5, 5), torch.zeros(3, 3, 3)), "2-D"),
    (lambda: plot_feature_maps({"batch": torch.zeros(1, 8, 4, 4)}), r"\(C, H, W\)"),
])
def test_bad_input_gives_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
