"""대체 데이터의 크기: 기본은 작게, AILIB_STANDIN_SIZE=real이면 실제 데이터와 같은 개수 (full 예산 시간 측정용)."""
import pytest
import torch

from ailib.data import load_kor_eng_pairs, load_mnist, load_pets
from ailib.data.standin_size import resample_images, standin_count


@pytest.fixture(autouse=True)
def offline(monkeypatch, tmp_path):
    monkeypatch.setenv("AILIB_OFFLINE", "1")
    monkeypatch.setenv("AILIB_DATA", str(tmp_path))


def test_default_standins_stay_small(monkeypatch):
    monkeypatch.delenv("AILIB_STANDIN_SIZE", raising=False)
    assert len(load_mnist("train")[0]) < 2_000
    assert standin_count(640, 3_680) == 640


def test_real_size_standins_have_the_real_counts_and_shapes(monkeypatch):
    monkeypatch.setenv("AILIB_STANDIN_SIZE", "real")
    images, labels = load_mnist("train")
    assert images.shape == (60_000, 1, 28, 28) and labels.shape == (60_000,)
    assert images.dtype == torch.float32 and 0.0 <= images.min() and images.max() <= 1.0
    assert set(labels.unique().tolist()) == set(range(10))
    assert len(load_mnist("test")[0]) == 10_000
    assert len(load_kor_eng_pairs()) == 3_798
    assert standin_count(160, 3_669) == 3_669


def test_real_size_pets_standin(monkeypatch):
    monkeypatch.setenv("AILIB_STANDIN_SIZE", "real")
    images, trimaps = load_pets("test", size=32)        # 작은 크기로 개수만 확인한다
    assert images.shape == (3_669, 3, 32, 32) and trimaps.shape == (3_669, 32, 32)


def test_resampled_images_are_shifted_copies_with_their_labels():
    images = torch.zeros(3, 1, 8, 8)
    for k in range(3):
        images[k, 0, 3, 3] = k + 1                     # 그림마다 밝기가 다른 점 하나 = 그 그림의 레이블
    moved, labels = resample_images(images, torch.arange(3), 50, seed=0)
    assert moved.shape == (50, 1, 8, 8)
    for picture, label in zip(moved, labels):
        (y, x), value = picture[0].nonzero()[0].tolist(), picture.max().item()
        assert value == label + 1 and abs(y - 3) <= 2 and abs(x - 3) <= 2
    assert len({tuple(p[0].nonzero()[0].tolist()) for p in moved}) > 1   # 모두 같은 자리가 아니다


def test_an_unknown_size_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("AILIB_STANDIN_SIZE", "huge")
    with pytest.raises(ValueError, match="AILIB_STANDIN_SIZE.*small.*real"):
        standin_count(1, 2)
