"""대체 데이터(stand-in): 실제와 같은 모양·자료형, 씨앗 고정(두 번 불러도 같다), 그리고 배울 수 있다."""
import time

import numpy as np
import pandas as pd
import pytest
import torch
from data_server import data_env  # noqa: F401 (pytest 고정 장치)
from torch import nn

from ailib.data import (CAPTCHA_ALPHABET, CIFAR10_STANDIN_CLASSES_KO, load_cifar10, load_kor_eng_pairs, load_mnist,
                        load_netflix, load_pets, load_text_corpus, make_captchas, used_standin, vgg16_weights)
from ailib.data.kor_eng_standin import grammar_pairs, has_final_consonant, particle
from ailib.data.synthetic_images import shape_images


@pytest.fixture(autouse=True)
def offline(data_env, monkeypatch):
    monkeypatch.setenv("AILIB_OFFLINE", "1")


@pytest.fixture
def one_thread():
    """작은 모델은 스레드 하나가 가장 빠르다 (여럿이 나눠 쓰는 2코어에서 스레드 다툼을 피한다)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def fit_accuracy(model: nn.Module, train: tuple, test: tuple, epochs: int, lr: float = 3e-3) -> float:
    """Adam으로 epochs번 학습한 뒤 test 정확도."""
    torch.manual_seed(0)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    images, labels = train
    for _ in range(epochs):
        for batch in torch.randperm(len(labels)).split(50):
            loss = nn.functional.cross_entropy(model(images[batch]), labels[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    with torch.no_grad():
        return (model(test[0]).argmax(1) == test[1]).float().mean().item()


def test_mnist_standin_is_real_handwriting_split_and_learnable(one_thread):
    train_images, train_labels = load_mnist("train")
    test_images, test_labels = load_mnist("test")
    assert train_images.shape == (1437, 1, 28, 28) and test_images.shape == (360, 1, 28, 28)
    assert train_images.dtype == torch.float32 and train_labels.dtype == torch.int64
    assert 0 <= train_images.min() and train_images.max() <= 1
    assert train_images[:, :, :4].abs().sum() == 0                     # MNIST처럼 둘레 4픽셀은 비어 있다
    assert torch.equal(train_images, load_mnist("train")[0])           # 씨앗 고정
    assert sorted(train_labels.unique().tolist()) == list(range(10))
    linear = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
    assert fit_accuracy(linear, (train_images, train_labels), (test_images, test_labels), epochs=5) > 0.85
    noisy, _ = load_mnist("train", noisy=True)
    assert torch.equal(noisy, load_mnist("train", noisy=True)[0]) and not torch.equal(noisy, train_images)


def test_cifar10_standin_has_the_real_sizes_and_is_fast():
    started = time.perf_counter()
    images, labels = load_cifar10("train")
    elapsed = time.perf_counter() - started
    test_images, test_labels = load_cifar10("test")
    assert images.shape == (50_000, 3, 32, 32) and images.dtype == torch.uint8
    assert test_images.shape == (10_000, 3, 32, 32) and labels.dtype == torch.int64
    assert torch.bincount(labels).tolist() == [5000] * 10
    assert used_standin("cifar10") and len(CIFAR10_STANDIN_CLASSES_KO) == 10
    assert not torch.equal(images[:10_000], test_images)               # train과 test는 다른 그림
    assert elapsed < 20  # 한가한 2코어 CPU에서 약 1.5초 (다른 일과 나눠 쓸 때를 감안한 한도)


def test_cifar10_standin_is_deterministic():
    first, labels = shape_images(300, seed=3)
    again, labels_again = shape_images(300, seed=3)
    assert np.array_equal(first, again) and np.array_equal(labels, labels_again)
    assert not np.array_equal(first, shape_images(300, seed=4)[0])


def test_cnn_learns_the_cifar10_standin_far_better_than_an_mlp(one_thread):
    train = tuple(map(torch.from_numpy, shape_images(1500, seed=10)))
    test = tuple(map(torch.from_numpy, shape_images(500, seed=11)))
    train, test = (train[0].float() / 255, train[1]), (test[0].float() / 255, test[1])
    cnn = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Conv2d(16, 24, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Conv2d(24, 24, 3, padding=1), nn.ReLU(), nn.AdaptiveMaxPool2d(1),
                        nn.Flatten(), nn.Linear(24, 10))
    mlp = nn.Sequential(nn.Flatten(), nn.Linear(3 * 32 * 32, 128), nn.ReLU(), nn.Linear(128, 10))
    cnn_accuracy = fit_accuracy(cnn, train, test, epochs=5, lr=5e-3)
    mlp_accuracy = fit_accuracy(mlp, train, test, epochs=5, lr=1e-3)  # 더 큰 학습률에서는 MLP가 발산한다
    assert cnn_accuracy > 0.5 and cnn_accuracy > mlp_accuracy + 0.3, (cnn_accuracy, mlp_accuracy)


def test_pets_standin_has_images_and_trimaps_that_agree():
    images, trimaps = load_pets("test", size=64)
    assert images.shape == (160, 3, 64, 64) and images.dtype == torch.uint8
    assert trimaps.shape == (160, 64, 64) and trimaps.dtype == torch.int64
    assert set(trimaps.unique().tolist()) == {0, 1, 2}
    pet = images.float().permute(0, 2, 3, 1)[trimaps == 0].mean(0)
    background = images.float().permute(0, 2, 3, 1)[trimaps == 1].mean(0)
    assert pet.shape == background.shape == (3,)
    first = images[0].float().permute(1, 2, 0)
    assert (first[trimaps[0] == 0].mean(0) - first[trimaps[0] == 1].mean(0)).abs().max() > 5  # 동물과 배경의 색이 다르다
    assert torch.equal(images, load_pets("test", size=64)[0])


def test_netflix_standin_is_a_consistent_price_table():
    prices = load_netflix()
    assert list(prices.columns) == ["Date", "Open", "High", "Low", "Close", "Volume"]
    assert len(prices) == 1258 and prices["Date"].is_monotonic_increasing
    assert (prices["High"] >= prices[["Open", "Close"]].max(axis=1)).all()
    assert (prices["Low"] <= prices[["Open", "Close"]].min(axis=1)).all()
    assert (prices["Low"] > 0).all() and (prices["Volume"] > 0).all()
    assert prices.equals(load_netflix())


def test_text_standin_is_a_deterministic_sentence_corpus():
    corpus = load_text_corpus()
    lines = corpus.splitlines()
    assert len(lines) == 3000 and all(line.endswith(".") and line[0].isupper() for line in lines)
    assert corpus == load_text_corpus() and len(set(lines)) > 500


def test_kor_eng_standin_pairs_say_where_they_come_from():
    pairs = load_kor_eng_pairs()
    assert list(pairs.columns) == ["english", "korean", "attribution"]
    assert len(pairs) == 3000 and not pairs.duplicated().any()
    assert pairs["attribution"].str.contains("AI-Library").all()
    assert pairs["korean"].str.contains("[가-힣]").all()


def test_kor_eng_standin_grammar_agrees_in_tense_and_particles():
    pairs = pd.DataFrame(grammar_pairs(500, seed=1), columns=["english", "korean"])
    assert pairs.equals(pd.DataFrame(grammar_pairs(500, seed=1), columns=["english", "korean"]))
    yesterday = pairs[pairs["korean"].str.startswith("어제")]
    assert len(yesterday) > 10 and yesterday["korean"].str.contains("[았었였쳤썼셨랐렀했봤탔샀]어[.]$").all()
    assert yesterday["english"].str.startswith("Yesterday").all()
    tomorrow = pairs[pairs["korean"].str.startswith("내일")]
    assert tomorrow["korean"].str.endswith("거야.").all() and tomorrow["english"].str.contains(r"\bw(?:ill|on't)\b").all()
    assert not pairs["korean"].str.contains("책를|사과을|톰는|메리은").any()
    assert particle("책", "을", "를") == "책을" and particle("사과", "을", "를") == "사과를"
    with pytest.raises(ValueError, match="Hangul"):
        has_final_consonant("Tom")


def test_vgg16_standin_is_none_with_a_loud_notice(capsys):
    assert vgg16_weights() is None
    notice = capsys.readouterr().out
    assert "VGG16" in notice and "무작위 초기화" in notice


def test_captchas_are_deterministic_and_match_their_text():
    images, texts = make_captchas(6, seed=7)
    assert images.shape == (6, 3, 60, 160) and images.dtype == torch.uint8
    assert all(len(text) == 4 and set(text) <= set(CAPTCHA_ALPHABET) for text in texts)
    again, texts_again = make_captchas(3, seed=7)
    assert torch.equal(again, images[:3]) and texts_again == texts[:3]
    other, _ = make_captchas(3, seed=8)
    assert not torch.equal(other, again)
    wide, _ = make_captchas(2, length=6, alphabet="0123456789", width=200, height=50)
    assert wide.shape == (2, 3, 50, 200)


def test_captchas_of_variable_length_cover_the_range_and_keep_their_prefix():
    images, texts = make_captchas(40, length=(3, 6), alphabet="0123456789", seed=3)
    assert images.shape == (40, 3, 60, 160)
    assert {len(text) for text in texts} == {3, 4, 5, 6}
    few, few_texts = make_captchas(5, length=(3, 6), alphabet="0123456789", seed=3)
    assert few_texts == texts[:5] and torch.equal(few, images[:5])
    assert make_captchas(3, length=(4, 4), seed=7)[1] == make_captchas(3, length=4, seed=7)[1]


@pytest.mark.parametrize("kwargs", [{"count": 0}, {"count": 2, "length": 0}, {"count": 2, "alphabet": "a"},
                                    {"count": 2, "length": (5, 3)}, {"count": 2, "length": (0, 3)}])
def test_captchas_reject_bad_arguments(kwargs):
    with pytest.raises(ValueError, match="count and length must be"):
        make_captchas(**kwargs)


@pytest.mark.parametrize("loader, split", [(load_mnist, "valid"), (load_cifar10, "validation"), (load_pets, "train")])
def test_unknown_split_lists_the_valid_ones(loader, split):
    with pytest.raises(ValueError, match=f"has no split '{split}'; use one of") as caught:
        loader(split)
    assert "나눔(split)" in str(caught.value)
