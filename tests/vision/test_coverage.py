import math

import pytest
import torch

from ailib.vision.coverage import class_coverage, class_shares, kl_divergence


def test_class_shares_count_each_class():
    shares = class_shares(torch.tensor([0, 0, 1, 3]), 4)
    assert shares.tolist() == [0.5, 0.25, 0.0, 0.25]
    with pytest.raises(ValueError, match="0..2"):
        class_shares(torch.tensor([0, 3]), 3)
    with pytest.raises(ValueError, match="non-empty"):
        class_shares(torch.tensor([], dtype=torch.long), 3)


def test_kl_divergence_on_a_tiny_case():
    p, q = torch.tensor([0.5, 0.5, 0.0]), torch.tensor([0.25, 0.25, 0.5])
    assert kl_divergence(p, q) == pytest.approx(math.log(2))    # 0.5·log 2 + 0.5·log 2, 0·log 0 = 0
    assert kl_divergence(q, q) == 0.0
    with pytest.raises(ValueError, match="infinite"):
        kl_divergence(q, p)
    with pytest.raises(ValueError, match="equal length"):
        kl_divergence(p, torch.tensor([1.0]))


def test_coverage_of_a_generator_that_drops_one_class():
    reference = torch.arange(10).repeat(10)                     # 고른 10클래스
    dropped = torch.arange(1, 10).repeat(10)                    # 0을 그리지 못한다
    coverage = class_coverage(dropped, reference)
    assert coverage.rare == (0,)
    assert coverage.kl == pytest.approx(math.log(10 / 9))
    assert coverage.drop_one_kl == pytest.approx(math.log(10 / 9))   # 정확히 그 눈금
    fair = class_coverage(reference, reference)
    assert fair.kl == 0.0 and fair.rare == ()


def test_rare_threshold_is_a_share():
    reference = torch.arange(4).repeat(5)
    predicted = torch.tensor([0] * 9 + [1] * 9 + [2] * 1 + [3] * 1)   # 5%, 5%
    assert class_coverage(predicted, reference, num_classes=4, rare_below=0.06).rare == (2, 3)
    assert class_coverage(predicted, reference, num_classes=4, rare_below=0.05).rare == ()
