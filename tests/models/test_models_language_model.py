import pytest
import torch

from ailib.models.language_model import (LSTMLanguageModel, context_perplexity, context_windows, generate,
                                         last_token_loss, next_token_loss, stream_perplexity)
from training_steps import steps_lower_the_loss


@pytest.mark.parametrize("batch, steps", [(1, 1), (3, 7), (5, 20)])
def test_any_batch_size_and_context_length(batch, steps):
    model = LSTMLanguageModel(vocab_size=11, embed_dim=8, hidden_size=16)
    logits, (h, c) = model(torch.randint(0, 11, (batch, steps)), return_state=True)
    assert logits.shape == (batch, steps, 11) and h.shape == c.shape == (1, batch, 16)


def test_carrying_the_state_equals_reading_everything_at_once():
    torch.manual_seed(0)
    model = LSTMLanguageModel(vocab_size=7, embed_dim=4, hidden_size=8).eval()
    tokens = torch.randint(0, 7, (2, 10))
    whole = model(tokens)
    first, state = model(tokens[:, :4], return_state=True)
    second = model(tokens[:, 4:], state)
    torch.testing.assert_close(torch.cat([first, second], dim=1), whole)


def test_one_step_lowers_the_loss_and_perplexity_of_a_stream():
    torch.manual_seed(0)
    model = LSTMLanguageModel(vocab_size=5, embed_dim=8, hidden_size=16)
    stream = torch.tensor([0, 1, 2, 3, 4] * 8)
    before = stream_perplexity(model, stream, chunk=7)
    steps_lower_the_loss(model.parameters(), lr=1e-2, steps=2,
                         loss=lambda: next_token_loss(model.train()(stream[None, :-1]), stream[None, 1:]))
    after = stream_perplexity(model, stream, chunk=7)
    whole = torch.exp(next_token_loss(model(stream[None, :-1]), stream[None, 1:])).item()
    assert after < before and after == pytest.approx(whole, rel=0.5)


def test_generate_stops_and_respects_temperature():
    torch.manual_seed(0)
    model = LSTMLanguageModel(vocab_size=6, embed_dim=4, hidden_size=8)
    out = generate(model, [1, 2], 12, temperature=0.7, generator=torch.Generator().manual_seed(0))
    assert len(out) <= 12 and all(0 <= t < 6 for t in out)
    with torch.no_grad():
        model.head.bias.fill_(0).__setitem__(3, 100.0)  # 항상 3이 나오게
    assert generate(model, [1], 5, stop=3) == []
    with pytest.raises(ValueError, match="temperature"):
        generate(model, [1], 3, temperature=0)


def test_context_windows_pad_the_start_with_the_first_token():
    inputs, targets = context_windows(torch.tensor([3, 5, 6, 7]), context=2)
    assert inputs.tolist() == [[3, 3], [3, 5], [5, 6]] and targets.tolist() == [5, 6, 7]
    with pytest.raises(ValueError, match="context"):
        context_windows(torch.tensor([3, 5]), context=0)


def test_cut_context_perplexity_is_exp_of_the_mean_loss_in_any_batch_size():
    torch.manual_seed(0)
    model = LSTMLanguageModel(vocab_size=6, embed_dim=4, hidden_size=8).eval()
    stream = torch.randint(0, 6, (30,))
    inputs, targets = context_windows(stream, context=2)
    expected = torch.exp(last_token_loss(model(inputs), targets)).item()
    assert context_perplexity(model, stream, context=2, batch_size=7) == pytest.approx(expected, rel=1e-5)
    steps_lower_the_loss(model.parameters(), lr=1e-2, steps=2,
                         loss=lambda: last_token_loss(model.train()(inputs), targets))
