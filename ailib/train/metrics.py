"""배치 단위 평가 지표 (batch metrics). 각 함수는 배치 평균을 0차원 텐서로 돌려준다."""
from __future__ import annotations

import torch


def accuracy(outputs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """분류 정확도: 가장 큰 로짓(logit)의 위치가 정답 레이블과 같은 비율."""
    if outputs.ndim != 2 or targets.ndim != 1 or len(outputs) != len(targets):
        raise ValueError(
            f"accuracy는 (N, 클래스 수) 출력과 (N,) 레이블이 필요합니다. 받은 모양: "
            f"{tuple(outputs.shape)}, {tuple(targets.shape)} "
            f"(accuracy needs outputs (N, classes) and targets (N,))"
        )
    return (outputs.argmax(dim=1) == targets).float().mean()


def rmse(outputs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """평균제곱근오차(RMSE). 모양이 다르면 조용히 브로드캐스트하지 않고 오류를 낸다."""
    if outputs.shape != targets.shape:
        raise ValueError(
            f"예측 {tuple(outputs.shape)}과 정답 {tuple(targets.shape)}의 모양이 다릅니다. "
            f"둘 다 같은 모양으로 맞추세요. (Prediction and target shapes differ; make them equal.)"
        )
    return torch.sqrt(torch.mean((outputs.float() - targets.float()) ** 2))


def psnr(outputs: torch.Tensor, targets: torch.Tensor, max_value: float = 1.0) -> torch.Tensor:
    """최대 신호 대 잡음비(PSNR, dB) = 10·log10(max_value² / MSE). 모든 픽셀의 MSE 하나로 계산한다."""
    if outputs.shape != targets.shape:
        raise ValueError(
            f"예측 {tuple(outputs.shape)}과 정답 {tuple(targets.shape)}의 모양이 다릅니다. "
            f"(Prediction and target shapes differ; make them equal.)"
        )
    mse = torch.mean((outputs.float() - targets.float()) ** 2)
    return 10 * torch.log10(max_value ** 2 / mse)
