import math

import pytest
import torch

from ailib.sequence.ngram import ngram_perplexity, tune_k


def test_unigram_with_add_one_matches_hand_computation():
    train = torch.tensor([0, 0, 1])
    test = torch.tensor([1, 0])
    # P(0) = (2 + 1) / (3 + 2) = 0.6: 맞히는 토큰은 test[1:] = [0] 하나
    assert ngram_perplexity(train, test, vocab_size=2, order=1) == pytest.approx(1 / 0.6)


def test_bigram_uses_the_previous_token():
    train = torch.tensor([0, 1, 0, 1, 0, 1])
    test = torch.tensor([0, 1, 0, 1])
    bigram = ngram_perplexity(train, test, vocab_size=2, order=2, k=0.01)
    assert bigram < 1.05 < ngram_perplexity(train, test, vocab_size=2, order=1)
    # P(1|0) = (3 + 1) / (3 + 2), P(0|1) = (2 + 1) / (2 + 2)
    expected = math.exp(-(2 * math.log(4 / 5) + math.log(3 / 4)) / 3)
    assert ngram_perplexity(train, test, vocab_size=2, order=2) == pytest.approx(expected)


def test_trigram_sees_two_tokens_that_a_bigram_cannot_tell_apart():
    # 0 다음은 1 또는 2로 반반이지만, (앞앞, 앞) = (1, 0)이면 늘 2, (2, 0)이면 늘 1이다
    train = torch.tensor([3, 1, 0, 2, 0, 1, 0, 2, 0, 1, 0, 2, 0, 1] * 5)
    test = torch.tensor([3, 1, 0, 2, 0, 1, 0, 2])
    bigram = ngram_perplexity(train, test, vocab_size=4, order=2, k=0.01)
    trigram = ngram_perplexity(train, test, vocab_size=4, order=3, k=0.01)
    assert trigram < 1.1 < bigram


def test_trigram_matches_hand_computation_with_the_first_token_as_left_context():
    train = torch.tensor([0, 1, 1])   # 문맥 (0, 0) → 1, (0, 1) → 1
    test = torch.tensor([0, 1])       # 맞히는 것: (0, 0) 다음의 1
    # P(1 | 0, 0) = (1 + 1) / (1 + 2)
    assert ngram_perplexity(train, test, vocab_size=2, order=3) == pytest.approx(1.5)


def test_k_is_tuned_on_the_validation_stream():
    train = torch.tensor([0, 1, 0, 1, 0, 1, 0, 1])
    seen = torch.tensor([0, 1, 0, 1, 0, 1])          # 학습과 같은 쌍만: 작은 k가 좋다
    unseen = torch.tensor([0, 0, 1, 1, 0, 0, 1, 1])  # 처음 보는 쌍이 반: 큰 k가 좋다
    best_seen, scores = tune_k(train, seen, 2, order=2, ks=(1.0, 0.01))
    best_unseen, _ = tune_k(train, unseen, 2, order=2, ks=(1.0, 0.01))
    assert (best_seen, best_unseen) == (0.01, 1.0)
    assert scores[0.01] == pytest.approx(ngram_perplexity(train, seen, 2, order=2, k=0.01))


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="k"):
        ngram_perplexity(torch.tensor([0, 1]), torch.tensor([0, 1]), 2, order=2, k=0)
    with pytest.raises(ValueError, match="vocab_size"):
        ngram_perplexity(torch.tensor([0, 5]), torch.tensor([0, 1]), 2, order=1)
    with pytest.raises(ValueError, match="order"):
        ngram_perplexity(torch.tensor([0, 1]), torch.tensor([0, 1]), 2, order=0)
    with pytest.raises(ValueError, match="ks"):
        tune_k(torch.tensor([0, 1]), torch.tensor([0, 1]), 2, order=2, ks=())
