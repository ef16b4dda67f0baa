"""../shared/data의 진짜 파일로 읽개를 확인한다. 그 폴더가 없으면 건너뛴다.

실제 파일을 127.0.0.1 서버에 올려 두고 **고정해 둔 진짜 SHA-256 그대로** 불러오므로, 고정한 해시가
공개된 파일의 해시와 같다는 것도 함께 확인된다.
"""
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch
from data_server import data_env, server  # noqa: F401 (pytest 고정 장치)

from ailib.data import boston, kor_eng, mnist, netflix
from ailib.data.download import sha256_of
from ailib.data.offline import used_standin
from conftest import ROOT

SHARED = ROOT.parent / "shared" / "data"
pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data가 없다 (real data files absent)")


def serve(server, remote, source: Path) -> None:
    """source 파일을 remote.path 자리에 올린다 (미러 배치)."""
    target = server.folder / remote.path
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def test_real_mnist_test_set_loads_with_the_pinned_hashes(server):
    serve(server, mnist.REMOTE_FILES["test", "images"], SHARED / "mnist" / "t10k-images-idx3-ubyte.gz")
    serve(server, mnist.REMOTE_FILES["test", "labels"], SHARED / "mnist" / "t10k-labels-idx1-ubyte.gz")
    images, labels = mnist.load_mnist("test")
    assert not used_standin("mnist")
    assert images.shape == (10_000, 1, 28, 28) and images.dtype == torch.float32
    assert labels.shape == (10_000,) and labels.dtype == torch.int64
    assert torch.bincount(labels).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    assert labels[:5].tolist() == [7, 2, 1, 0, 4] and images.max() == 1.0 and images.min() == 0.0
    assert 0.12 < images.mean() < 0.14


def test_read_idx_parses_the_raw_idx_headers():
    images = mnist.read_idx(SHARED / "mnist" / "t10k-images-idx3-ubyte.gz")
    labels = mnist.read_idx(SHARED / "mnist" / "t10k-labels-idx1-ubyte.gz")
    assert images.shape == (10_000, 28, 28) and images.dtype == np.uint8
    assert labels.shape == (10_000,) and labels.max() == 9


def test_real_netflix_file_loads_with_the_pinned_hash(server):
    serve(server, netflix.NFLX_CSV, SHARED / "netflix" / "NFLX_2018_2022.csv")
    prices = netflix.load_netflix()
    assert not used_standin("netflix")
    assert list(prices.columns) == list(netflix.PRICE_COLUMNS) and len(prices) == 1259
    assert prices["Date"].iloc[0] == pd.Timestamp("2018-01-02") and prices["Date"].iloc[-1] == pd.Timestamp("2022-12-30")
    assert prices["Close"].iloc[0] == pytest.approx(201.070007)
    assert (prices["High"] >= prices["Low"]).all()


def test_textbook_netflix_layout_is_reordered_to_the_contract():
    prices = netflix.load_netflix(SHARED / "netflix" / "tencho_train.csv")
    assert list(prices.columns) == list(netflix.PRICE_COLUMNS) and len(prices) == 967
    assert prices.iloc[0].tolist()[1:] == [120.0, 123.0, 118.0, 123.0, 13181000]
    assert prices["Date"].is_monotonic_increasing and prices["Volume"].dtype == np.int64


def test_mass_boston_csv_matches_the_bundled_table():
    mass = boston.load_boston(SHARED / "boston" / "MASS_Boston.csv")
    assert list(mass.columns) == list(boston.BOSTON_COLUMNS) and mass.shape == (506, 14)
    assert mass.loc[0, "CRIM"] == pytest.approx(0.00632) and mass.loc[0, "B"] == pytest.approx(396.9)
    assert mass.loc[0, "MEDV"] == 24.0
    pd.testing.assert_frame_equal(mass, boston.load_boston())  # mlxtend에 든 표와 같은 값


def test_real_kor_txt_loads_with_the_pinned_hash_and_keeps_attribution(server):
    serve(server, kor_eng.KOR_TXT, SHARED / "kor-eng" / "kor.txt")
    pairs = kor_eng.load_kor_eng_pairs()
    assert not used_standin("kor-eng")
    assert len(pairs) == 3798 and pairs.iloc[0].tolist()[:2] == ["Go.", "가."]
    assert pairs["attribution"].str.startswith("CC-BY 2.0 (France) Attribution: tatoeba.org").all()


def test_shared_files_are_the_files_whose_hashes_are_pinned():
    pinned = {
        SHARED / "mnist" / "t10k-images-idx3-ubyte.gz": mnist.REMOTE_FILES["test", "images"].sha256,
        SHARED / "mnist" / "t10k-labels-idx1-ubyte.gz": mnist.REMOTE_FILES["test", "labels"].sha256,
        SHARED / "netflix" / "NFLX_2018_2022.csv": netflix.NFLX_CSV.sha256,
        SHARED / "kor-eng" / "kor.txt": kor_eng.KOR_TXT.sha256,
    }
    assert {path.name: sha256_of(path) for path in pinned} == {path.name: sha for path, sha in pinned.items()}
