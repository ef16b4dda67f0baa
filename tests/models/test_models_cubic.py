import math

import pytest
import torch
from torch import nn

import ailib
from ailib.train.batches import TensorBatches
from ailib.models import cubic


@pytest.fixture
def sine() -> tuple[torch.Tensor, torch.Tensor]:
    """강의 노트의 데이터: −π부터 π까지 1000개 점과 sin(x)."""
    x = torch.linspace(-math.pi, math.pi, 1000)
    return x, torch.sin(x)


def test_predict_is_the_cubic_polynomial():
    coef = torch.tensor([1.0, 2.0, 3.0, 4.0])
    x = torch.tensor([0.0, 1.0, 2.0])
    assert cubic.predict(coef, x).tolist() == [1.0, 10.0, 49.0]   # 1 + 2·2 + 3·4 + 4·8 = 49


def test_loss_is_the_sum_not_the_mean_of_squared_errors():
    assert cubic.sum_squared_error(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([1.0, 0.0, 0.0])) == 13.0


def test_hand_derived_gradients_equal_autograd(sine):
    x, y = sine
    coef = torch.tensor([0.3, -0.7, 0.2, 0.05], requires_grad=True)
    y_pred = cubic.predict(coef, x)
    (y_pred - y).pow(2).sum().backward()
    by_hand = cubic.gradients(x, y_pred.detach(), y)
    torch.testing.assert_close(by_hand, coef.grad, rtol=1e-5, atol=1e-3)


def test_one_gradient_step_lowers_the_loss(sine):
    x, y = sine
    start = cubic.random_coefficients(torch.Generator().manual_seed(0))
    after, history = cubic.fit_by_hand(start, x, y, learning_rate=1e-6, epochs=2, record_every=1)
    assert history["epoch"] == [1, 2]
    assert history["train_loss"][1] < history["train_loss"][0]
    assert not torch.equal(after, start)


def test_least_squares_recovers_an_exact_cubic():
    x = torch.linspace(-2, 2, 50)
    true = torch.tensor([0.5, -1.0, 2.0, 0.25])
    torch.testing.assert_close(cubic.least_squares(x, cubic.predict(true, x)), true, rtol=1e-4, atol=1e-4)


def test_gradient_descent_gets_within_twice_the_least_squares_error(sine):
    """강의의 설정(lr 1e-6, 합 손실)으로 5000 에폭이면 가장 좋은 3차 함수의 오차 2배 안에 든다."""
    x, y = sine
    best = cubic.sum_squared_error(cubic.predict(cubic.least_squares(x, y), x), y)
    for seed in range(3):
        start = cubic.random_coefficients(torch.Generator().manual_seed(seed))
        coef, history = cubic.fit_by_hand(start, x, y, learning_rate=1e-6, epochs=5000)
        assert cubic.sum_squared_error(cubic.predict(coef, x), y) < 2 * best
        assert history["train_loss"][-1] < history["train_loss"][0] / 10


def test_too_large_a_learning_rate_diverges_with_the_sum_loss(sine):
    """합 손실에서 가장 가파른 방향(x³)의 곡률이 약 2.8e5라서 lr 1e-5면 발산한다."""
    x, y = sine
    start = cubic.random_coefficients(torch.Generator().manual_seed(0))
    _, history = cubic.fit_by_hand(start, x, y, learning_rate=1e-5, epochs=50, record_every=10)
    losses = history["train_loss"]
    assert all(later > earlier for earlier, later in zip(losses, losses[1:]))
    assert losses[-1] > 1e6 * losses[0]


def test_cubic_module_with_mean_loss_and_trainer_matches_the_hand_loop(sine):
    """평균 손실에 lr × N을 쓰면 합 손실 + lr과 같은 걸음이다: Trainer + SGD가 손 계산과 같은 계수에 닿는다."""
    x, y = sine
    start = cubic.random_coefficients(torch.Generator().manual_seed(1))
    by_hand, _ = cubic.fit_by_hand(start, x, y, learning_rate=1e-6, epochs=300)
    model = cubic.Cubic(start)
    trainer = ailib.Trainer(model, nn.MSELoss(), torch.optim.SGD(model.parameters(), lr=1e-6 * len(x)),
                            device="cpu")
    trainer.fit(TensorBatches(x, y, batch_size=len(x), device="cpu"), epochs=300, verbose=False)
    torch.testing.assert_close(model.coef.detach(), by_hand, rtol=1e-3, atol=1e-4)


def test_formula_reads_like_the_textbook():
    assert cubic.formula(torch.tensor([0.01, 0.856, -0.0, -0.093])) == "y = 0.01 + 0.86x + 0.00x² − 0.09x³"


@pytest.mark.parametrize("coef", [torch.zeros(3), torch.zeros(2, 2)])
def test_wrong_number_of_coefficients_is_a_clear_error(coef):
    with pytest.raises(ValueError, match="a, b, c, d.*coef must be a tensor of shape \\(4,\\)"):
        cubic.predict(coef, torch.zeros(5))
    with pytest.raises(ValueError, match="shape \\(4,\\)"):
        cubic.Cubic(coef)


def test_mismatched_or_column_shaped_points_are_a_clear_error():
    coef = torch.zeros(4)
    with pytest.raises(ValueError, match="같은 길이의 1차원.*reshape"):
        cubic.gradients(torch.zeros(5), torch.zeros(5), torch.zeros(4))
    with pytest.raises(ValueError, match="1-D tensors"):
        cubic.predict(coef, torch.zeros(5, 1))
    with pytest.raises(ValueError, match="at least 1"):
        cubic.fit_by_hand(coef, torch.zeros(5), torch.zeros(5), epochs=0)
