import math

import pytest
import torch

from ailib.sequence.ngram import bigram_perplexity, unigram_perplexity


def test_unigram_with_add_one_matches_hand_computation():
    train = torch.tensor([0, 0, 1])
    test = torch.tensor([1, 0])
    # P(0) = (2 + 1) / (3 + 2) = 0.6: 맞히는 토큰은 test[1:] = [0] 하나
    assert unigram_perplexity(train, test, vocab_size=2) == pytest.approx(1 / 0.6)


def test_bigram_uses_the_previous_token():
    train = torch.tensor([0, 1, 0, 1, 0, 1])
    test = torch.tensor([0, 1, 0, 1])
    bigram = bigram_perplexity(train, test, vocab_size=2, k=0.01)
    assert bigram < 1.05 < unigram_perplexity(train, test, vocab_size=2)
    # P(1|0) = (3 + 1) / (3 + 2), P(0|1) = (2 + 1) / (2 + 2)
    expected = math.exp(-(2 * math.log(4 / 5) + math.log(3 / 4)) / 3)
    assert bigram_perplexity(train, test, vocab_size=2) == pytest.approx(expected)


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="k"):
        bigram_perplexity(torch.tensor([0, 1]), torch.tensor([0, 1]), 2, k=0)
    with pytest.raises(ValueError, match="vocab_size"):
        unigram_perplexity(torch.tensor([0, 5]), torch.tensor([0, 1]), 2)
