import pytest
import torch

from ailib.sequence.ctc import (character_error_rate, collapse, ctc_loss, decode_texts, edit_distance, encode_texts,
                                exact_match, greedy_decode, min_steps, sequence_accuracy)


def one_hot_logits(paths, classes=5):
    return torch.nn.functional.one_hot(torch.tensor(paths), classes).float() * 10


def test_collapse_merges_repeats_drops_blanks_and_keeps_the_first_character():
    assert collapse([1, 1, 0, 2, 2, 2]) == [1, 2]
    assert collapse([1, 1, 0, 1, 2]) == [1, 1, 2]        # 빈칸이 사이에 있으면 같은 글자가 두 번
    assert collapse([1, 1, 1, 2]) == [1, 2]              # 없으면 하나로 합쳐진다
    assert collapse([0, 0, 0]) == []
    assert collapse([3, 0, 0, 4]) == [3, 4]             # 첫 글자를 버리지 않는다


def test_greedy_decode_reads_each_row():
    logits = one_hot_logits([[1, 0, 1, 2, 2], [0, 3, 3, 0, 4]])
    assert greedy_decode(logits) == [[1, 1, 2], [3, 4]]


def test_encode_and_decode_texts():
    targets = encode_texts(["ab", "bba"], "ab")
    assert targets.tolist() == [[1, 2, 0], [2, 2, 1]]
    assert decode_texts(targets.tolist(), "ab") == ["ab", "bba"]
    with pytest.raises(ValueError, match="alphabet"):
        encode_texts(["abc"], "ab")


@pytest.mark.parametrize("n", [1, 3, 8])
def test_ctc_loss_works_for_any_batch_size_and_lowers_in_one_step(n):
    torch.manual_seed(0)
    logits = torch.randn(n, 10, 5, requires_grad=True)
    targets = torch.randint(1, 5, (n, 4))
    targets[0, 3] = 0                                   # 짧은 정답
    optimizer = torch.optim.SGD([logits], lr=1.0)
    first = ctc_loss(logits, targets)
    first.backward()
    optimizer.step()
    assert ctc_loss(logits, targets) < first


def test_ctc_loss_refuses_labels_longer_than_the_output():
    with pytest.raises(ValueError, match="too few for 2 label"):
        ctc_loss(torch.randn(2, 3, 5), torch.ones(2, 4, dtype=torch.long))


def test_min_steps_counts_characters_plus_adjacent_repeats():
    targets = encode_texts(["7788", "738", "777", "78"], "378")
    assert min_steps(targets).tolist() == [6, 3, 5, 2]       # 채운 0끼리는 반복으로 세지 않는다


def test_ctc_loss_names_a_label_that_only_repeats_make_infeasible():
    targets = encode_texts(["3878", "7788", "3787"], "378")   # 4글자: 시점 5개면 L ≤ T지만 7788은 6개가 든다
    logits = torch.randn(3, 5, 4)
    with pytest.raises(ValueError, match=r"too few for 1 label\(s\); sample\(needed steps\): 1\(6\)\.") as caught:
        ctc_loss(logits, targets)
    assert "샘플 번호" in str(caught.value)
    plain = torch.nn.functional.ctc_loss(logits.log_softmax(-1).transpose(0, 1), targets, torch.full((3,), 5),
                                         torch.full((3,), 4), reduction="none", zero_infinity=True)
    assert plain[1] == 0 and (plain[[0, 2]] > 0).all()       # torch 자체는 그 샘플을 조용히 0으로 만든다
    assert torch.isfinite(ctc_loss(logits[[0, 2]], targets[[0, 2]]))


def test_sequence_accuracy_and_character_error_rate():
    logits = one_hot_logits([[1, 0, 2, 2], [3, 3, 0, 0]])
    targets = torch.tensor([[1, 2], [3, 4]])
    assert sequence_accuracy(logits, targets).item() == 0.5
    assert exact_match([[1, 2], [3]], targets).item() == 0.5
    assert edit_distance("kitten", "sitting") == 3 and edit_distance("", "ab") == 2
    assert character_error_rate(["ab", "cd"], ["ab", "ce"]) == 0.25
    with pytest.raises(ValueError):
        character_error_rate(["a"], [])
