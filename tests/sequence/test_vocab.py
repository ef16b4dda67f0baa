import pytest
import torch

from ailib.sequence.vocab import (EOS, PAD, UNK, Vocab, english_words, jamo, join_english, join_jamo, pad_batch,
                                  syllables, words)


def test_three_ways_to_split_korean():
    assert syllables("나는 가") == ["나", "는", " ", "가"]
    assert jamo("한") == ["\u1112", "\u1161", "\u11ab"] and join_jamo(jamo("한글 공부")) == "한글 공부"
    assert words("나는 학교에 가.") == ["나는", "학교에", "가", "."]


def test_english_words_keep_contractions_and_join_back():
    assert english_words("I'm here at 2:30, aren't you?") == ["I'm", "here", "at", "2:30", ",", "aren't", "you", "?"]
    for text in ("Tom isn't a well-known singer.", "It costs $5 (five dollars)!", "Hi."):
        assert join_english(english_words(text)) == text


def test_vocab_specials_unknown_tokens_and_decoding():
    vocab = Vocab.build([["가", "나", "가"], ["다"]])
    assert vocab.itos[:4] == [PAD, UNK, "<s>", EOS] and vocab.itos[4] == "가"  # 많이 나온 순서
    assert (vocab.pad, vocab.unk, vocab.bos, vocab.eos) == (0, 1, 2, 3) and len(vocab) == 7
    assert vocab.encode(["가", "없는말"]) == [4, vocab.unk]  # KeyError가 아니라 <unk>
    assert vocab.decode([vocab.bos, 4, 5, vocab.eos, 6]) == ["가", "나"]
    assert vocab.decode([4, vocab.pad], strip=False) == ["가", PAD]


def test_min_count_drops_rare_tokens():
    vocab = Vocab.build([["a", "a", "b"]], min_count=2)
    assert "b" not in vocab.stoi and vocab.encode(["b"]) == [vocab.unk]
    with pytest.raises(ValueError, match="min_count"):
        Vocab.build([["a"]], min_count=0)


def test_pad_batch_pads_at_the_end_and_returns_lengths():
    batch, lengths = pad_batch([[5, 6, 7], [8]], pad=0)
    assert batch.tolist() == [[5, 6, 7], [8, 0, 0]] and lengths.tolist() == [3, 1]
    assert batch.dtype == torch.long
    with pytest.raises(ValueError):
        pad_batch([], pad=0)
