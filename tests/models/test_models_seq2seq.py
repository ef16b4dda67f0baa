import pytest
import torch
from torch.nn import functional as F

from ailib.models.seq2seq import AdditiveAttention, Seq2Seq


def batch(n=3, src_len=6, tgt_len=5, vocab=12):
    torch.manual_seed(0)
    src = torch.randint(4, vocab, (n, src_len))
    lengths = torch.tensor([src_len] + [max(1, src_len - 2 - i) for i in range(n - 1)])[:n]
    src[torch.arange(src_len)[None] >= lengths[:, None]] = 0   # 뒤는 패딩
    tgt = torch.randint(4, vocab, (n, tgt_len))
    tgt[:, 0] = 2
    return src, lengths, tgt


def test_attention_weights_sum_to_one_and_padding_gets_exactly_zero():
    attention = AdditiveAttention(query_size=5, key_size=4, attention_size=3)
    keys = torch.randn(2, 6, 4)
    mask = torch.tensor([[True] * 6, [True, True, False, False, False, False]])
    context, weights = attention(torch.randn(2, 3, 5), keys, mask)   # 질의 3개 (시점 3개)
    assert context.shape == (2, 3, 4) and weights.shape == (2, 3, 6)
    assert (weights >= 0).all()     # LogSoftmax가 아니다: 음수가 없다
    torch.testing.assert_close(weights.sum(dim=-1), torch.ones(2, 3))
    assert (weights[1, :, 2:] == 0).all()
    torch.testing.assert_close(context[1], weights[1, :, :2] @ keys[1, :2])


@pytest.mark.parametrize("attention", [True, False])
@pytest.mark.parametrize("n", [1, 4])
def test_shapes_for_any_batch_size_and_lengths(attention, n):
    src, lengths, tgt = batch(n=n)
    model = Seq2Seq(12, 9 + 4, embed_dim=8, hidden_size=16, attention=attention)
    assert model(src, lengths, tgt).shape == (n, 5, 13)
    memory, hidden = model.encode(src, lengths)
    logits, hiddens, weights = model.decode(memory, hidden, tgt)
    assert hiddens.shape == (n, 5, 16)
    if attention:
        assert weights.shape == (n, 5, 6)
        assert (weights[memory.mask[:, None].expand_as(weights).logical_not()] == 0).all()
    else:
        assert weights is None
    tokens, steps = model.translate(src, lengths, max_len=7)
    assert tokens.shape[0] == n and tokens.shape[1] <= 7
    if attention:
        assert steps.shape == (n, tokens.shape[1], 6)


def test_greedy_decoding_step_by_step_matches_reading_its_own_output_at_once():
    src, lengths, _ = batch(n=3)
    model = Seq2Seq(12, 12, embed_dim=8, hidden_size=16).eval()
    tokens, weights = model.translate(src, lengths, max_len=6)
    tgt_in = torch.cat([torch.full((3, 1), model.bos), tokens[:, :-1]], dim=1)
    memory, hidden = model.encode(src, lengths)
    logits, _, forced_weights = model.decode(memory, hidden, tgt_in)
    finished_before = torch.cumsum(tokens == model.eos, dim=1) - (tokens == model.eos).long() > 0
    live = ~finished_before      # `</s>`를 내기 전(그 자리 포함)의 시점들: 한 번에 읽어도 같은 답
    assert torch.equal(logits.argmax(-1)[live], tokens[live])
    torch.testing.assert_close(forced_weights[live], weights[live])


def test_decoder_carries_its_hidden_state_from_step_to_step():
    src, lengths, tgt = batch()
    model = Seq2Seq(12, 12, embed_dim=8, hidden_size=16)
    memory, hidden = model.encode(src, lengths)
    same_input = torch.full_like(tgt, 5)             # 같은 토큰을 넣어도 상태가 이어지므로 달라진다
    _, hiddens, weights = model.decode(memory, hidden, same_input)
    assert not torch.allclose(hiddens[:, 0], hiddens[:, 1])
    assert not torch.allclose(weights[:, 0], weights[:, 1])


def test_attention_looks_at_the_encoder_states():
    src, lengths, tgt = batch()
    model = Seq2Seq(12, 12, embed_dim=8, hidden_size=16)
    other = src.clone()
    other[0, 1] = 11 if other[0, 1] != 11 else 10    # 원문의 한 토큰만 바꾼다
    memory_a, hidden_a = model.encode(src, lengths)
    memory_b, hidden_b = model.encode(other, lengths)
    _, _, weights_a = model.decode(memory_a, hidden_a, tgt)
    _, _, weights_b = model.decode(memory_b, hidden_b, tgt)
    assert not torch.allclose(weights_a[0], weights_b[0])


def test_padding_does_not_change_the_translation_scores():
    src, lengths, tgt = batch(n=2)
    model = Seq2Seq(12, 12, embed_dim=8, hidden_size=16).eval()
    longer = torch.cat([src, torch.zeros(2, 3, dtype=torch.long)], dim=1)   # 패딩을 더 붙여도
    torch.testing.assert_close(model(src, lengths, tgt), model(longer, lengths, tgt))


@pytest.mark.parametrize("attention", [True, False])
def test_one_step_lowers_the_loss(attention):
    src, lengths, tgt = batch(n=4)
    model = Seq2Seq(12, 12, embed_dim=8, hidden_size=16, attention=attention)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    losses = []
    for _ in range(2):
        logits = model(src, lengths, tgt[:, :-1])
        loss = F.cross_entropy(logits.flatten(0, 1), tgt[:, 1:].flatten(), ignore_index=0)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[1] < losses[0]
