import pytest

from ailib.sequence.translation_eval import bucket_bootstrap, corpus_scores, length_labels, paired_bootstrap, verdict

REFERENCES = ["I have a car.", "He is tall.", "I like apples.", "We are students.", "Tom is at home."] * 8
WORSE = ["I have car.", "He tall.", "I like apple.", "We students.", "Tom home."] * 8


def test_signatures_name_the_standard_english_tokenizer_and_chrf_settings():
    _, signatures = paired_bootstrap(REFERENCES, WORSE, REFERENCES, n_samples=50)
    assert "tok:13a" in signatures["BLEU"] and "nrefs:1" in signatures["BLEU"]
    assert "nc:6" in signatures["chrF"] and "nw:0" in signatures["chrF"]
    assert "bs:50" in signatures["BLEU"] and "seed:12345" in signatures["BLEU"]


def test_paired_bootstrap_finds_a_clear_win_and_calls_a_copy_a_tie():
    table, _ = paired_bootstrap(REFERENCES, WORSE, REFERENCES, n_samples=200)
    scores = corpus_scores(REFERENCES, {"worse": WORSE, "perfect": REFERENCES})
    assert table.loc["BLEU", "system"] == pytest.approx(100.0)
    assert table.loc["chrF", "baseline"] == pytest.approx(scores.loc["worse", "chrF"])
    assert (table["difference"] > 0).all() and (table["p_value"] < 0.05).all()
    assert verdict(table.loc["BLEU", "difference"], table.loc["BLEU", "p_value"]) == "win"
    reverse, _ = paired_bootstrap(REFERENCES, REFERENCES, WORSE, n_samples=200)
    assert verdict(reverse.loc["chrF", "difference"], reverse.loc["chrF", "p_value"]) == "loss"
    same, _ = paired_bootstrap(REFERENCES, WORSE, list(WORSE), n_samples=200)
    assert (same["difference"] == 0).all()
    assert {verdict(row.difference, row.p_value) for row in same.itertuples()} == {"tie"}
    assert verdict(0.4, 0.2) == "tie"


def test_length_buckets_count_every_sentence_once_and_test_each_bucket():
    lengths = [len(r) for r in REFERENCES]
    assert length_labels([3, 12, 13, 40], edges=(12,)) == ["1–12", "1–12", "13 이상", "13 이상"]
    assert length_labels([3, 40], edges=(5, 9), unit="음절") == ["1–5음절", "10음절 이상"]
    table = bucket_bootstrap(REFERENCES, WORSE, REFERENCES, lengths, edges=(12,), n_samples=100)
    assert table.xs("BLEU", level="metric")["sentences"].sum() == len(REFERENCES)
    assert table.index.get_level_values("bucket").unique().tolist() == ["1–12", "13 이상"]
    assert table.xs("chrF", level="metric")["system"].tolist() == pytest.approx([100.0, 100.0])
    with pytest.raises(ValueError, match="edges"):
        length_labels([3], edges=(5, 2))


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError, match="hypotheses"):
        corpus_scores(REFERENCES, {"short": WORSE[:3]})
    with pytest.raises(ValueError, match="n_samples"):
        paired_bootstrap(REFERENCES, WORSE, REFERENCES, n_samples=0)
