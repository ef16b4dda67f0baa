"""사인 함수 근사: 3차 함수 y = a + b·x + c·x² + d·x³ 와 손으로 유도한 기울기.

손실은 강의 노트대로 제곱오차의 합 L = Σ (ŷ − y)² 이다. 평균이 아니라 합이라서 기울기가 데이터 수만큼
커지므로 학습률을 1e-6처럼 아주 작게 잡는다.
"""
from __future__ import annotations

import torch
from torch import nn

from ailib.train.history import History

NUM_COEFFICIENTS = 4  # a, b, c, d


def _check_coef(coef: torch.Tensor) -> None:
    if coef.shape != (NUM_COEFFICIENTS,):
        raise ValueError(
            f"계수는 a, b, c, d 네 개를 담은 (4,) 텐서여야 합니다. 받은 모양: {tuple(coef.shape)} "
            f"(coef must be a tensor of shape (4,) holding a, b, c, d)"
        )


def _check_points(x: torch.Tensor, *others: torch.Tensor) -> None:
    if x.ndim != 1 or any(other.shape != x.shape for other in others):
        shapes = ", ".join(str(tuple(t.shape)) for t in (x, *others))
        raise ValueError(
            f"x와 y는 같은 길이의 1차원 (N,) 텐서여야 합니다. 받은 모양: {shapes} "
            f"(x and y must be 1-D tensors of the same length; flatten them with .reshape(-1))"
        )


def random_coefficients(generator: torch.Generator | None = None) -> torch.Tensor:
    """표준정규분포에서 뽑은 시작 계수 a, b, c, d."""
    return torch.randn(NUM_COEFFICIENTS, generator=generator)


def predict(coef: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """ŷ = a + b·x + c·x² + d·x³ (순전파)."""
    _check_coef(coef)
    _check_points(x)
    a, b, c, d = coef
    return a + b * x + c * x ** 2 + d * x ** 3


def sum_squared_error(y_pred: torch.Tensor, y: torch.Tensor) -> float:
    """강의 노트의 손실: `(y_pred - y).pow(2).sum().item()` — 평균이 아니라 합."""
    _check_points(y_pred, y)
    return (y_pred - y).pow(2).sum().item()


def gradients(x: torch.Tensor, y_pred: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """손으로 유도한 기울기 [∂L/∂a, ∂L/∂b, ∂L/∂c, ∂L/∂d].

    L = Σ (ŷ − y)² 이고 ∂L/∂ŷ = 2(ŷ − y) 이다. ŷ를 a, b, c, d로 미분하면 1, x, x², x³ 이므로
    연쇄 법칙으로 각 계수의 기울기는 Σ 2(ŷ − y)·xᵏ 가 된다.
    """
    _check_points(x, y_pred, y)
    grad_y_pred = 2.0 * (y_pred - y)
    grad_a = grad_y_pred.sum()
    grad_b = (grad_y_pred * x).sum()
    grad_c = (grad_y_pred * x ** 2).sum()
    grad_d = (grad_y_pred * x ** 3).sum()
    return torch.stack([grad_a, grad_b, grad_c, grad_d])


def fit_by_hand(coef: torch.Tensor, x: torch.Tensor, y: torch.Tensor, *, learning_rate: float = 1e-6,
                epochs: int = 5000, record_every: int = 100) -> tuple[torch.Tensor, History]:
    """경사 하강법: 에폭마다 순전파 → 손실 → 손으로 구한 기울기 → `coef -= learning_rate * grad`.

    학습한 계수와, `record_every` 에폭마다 손실(`train_loss`, 제곱오차의 합)을 적은 기록을 돌려준다.
    """
    if epochs < 1 or record_every < 1:
        raise ValueError(f"epochs와 record_every는 1 이상이어야 합니다: {epochs}, {record_every} "
                         f"(epochs and record_every must be at least 1)")
    _check_coef(coef)
    coef = coef.detach().clone()
    history = History()
    for epoch in range(1, epochs + 1):
        y_pred = predict(coef, x)
        if epoch % record_every == 0 or epoch == 1:
            history.append({"epoch": epoch, "train_loss": sum_squared_error(y_pred, y)})
        coef -= learning_rate * gradients(x, y_pred, y)
    return coef, history


def least_squares(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """최소제곱법(least squares)으로 구한 가장 좋은 3차 함수의 계수: 경사 하강법이 닿을 수 있는 한계."""
    _check_points(x, y)
    powers = torch.stack([x ** k for k in range(NUM_COEFFICIENTS)], dim=1).double()
    solution = torch.linalg.lstsq(powers, y.double().unsqueeze(1)).solution
    return solution.squeeze(1).to(x.dtype)


def formula(coef: torch.Tensor) -> str:
    """계수를 사람이 읽는 식으로: 'y = 0.01 + 0.85x − 0.00x² − 0.09x³'."""
    _check_coef(coef)
    terms = [f"{abs(value):.2f}{power}" for value, power in zip(coef.tolist(), ("", "x", "x²", "x³"))]
    text = ("−" if coef[0] < 0 else "") + terms[0]
    for value, term in zip(coef[1:].tolist(), terms[1:]):
        text += f" {'−' if value < 0 else '+'} {term}"
    return f"y = {text}"


class Cubic(nn.Module):
    """같은 3차 함수를 nn.Module로: 계수가 파라미터라서 autograd와 torch.optim이 기울기와 갱신을 맡는다."""

    def __init__(self, coef: torch.Tensor | None = None) -> None:
        super().__init__()
        start = random_coefficients() if coef is None else coef.detach().clone().float()
        _check_coef(start)
        self.coef = nn.Parameter(start)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return predict(self.coef, x)
