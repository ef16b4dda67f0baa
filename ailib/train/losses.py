"""손실 함수 도우미: 예측과 정답의 모양이 다르면 조용히 브로드캐스트하지 않고 멈춘다.

회귀 모델의 출력은 보통 (N, 1)인데 정답을 (N,)으로 두면, `nn.MSELoss`는 경고 한 줄만 남기고 두 텐서를
(N, N)으로 브로드캐스트해 모든 예측과 모든 정답의 차이를 평균낸다. 그 손실을 가장 작게 하는 답은
"입력과 상관없이 늘 정답의 평균을 예측하기"라서, 모델은 오류 없이 학습되지만 아무것도 배우지 못한다.
"""
from __future__ import annotations

import torch
from torch import nn


class StrictMSELoss(nn.MSELoss):
    """`nn.MSELoss`와 같지만, 예측과 정답의 모양이 다르면 ValueError를 낸다."""

    def forward(self, outputs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        if outputs.shape != targets.shape:
            raise ValueError(
                f"예측 {tuple(outputs.shape)}과 정답 {tuple(targets.shape)}의 모양이 다릅니다. 이대로 빼면 "
                f"브로드캐스트되어 모델이 평균만 배웁니다. 정답을 targets.unsqueeze(1)로 (N, 1)로 만들거나 "
                f"예측을 outputs.squeeze(1)로 (N,)로 만드세요. (Prediction shape {tuple(outputs.shape)} differs "
                f"from target shape {tuple(targets.shape)}; broadcasting would train a model that predicts the "
                f"mean. Make them equal, e.g. targets.unsqueeze(1).)"
            )
        return super().forward(outputs, targets)
