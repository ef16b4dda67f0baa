"""여러 장이 함께 쓰는 그림 도우미: 한글 글꼴, 이미지 격자, 예측 대 정답. 학습 곡선은 `ailib.train.curves`."""
from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib import font_manager
from matplotlib.figure import Figure

KOREAN_FONT = "NanumGothic"  # koreanize-matplotlib 패키지가 함께 배포하는 글꼴
LATIN_FONT = "DejaVu Sans"  # matplotlib에 들어 있는 글꼴: 라틴·그리스 문자, 빼기 기호(−), 눈금의 수식


def korean_font_file(bold: bool = False) -> Path:
    """koreanize-matplotlib가 함께 배포하는 나눔고딕 글꼴 파일 (그림과 사이트 미리 보기 그림이 함께 쓴다).

    그 모듈을 가져오면 matplotlib 전역 설정이 바뀌므로 위치만 찾는다.
    """
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "한글 글꼴 패키지 koreanize-matplotlib가 없습니다. `pip install koreanize-matplotlib`로 설치하세요. "
            "(koreanize-matplotlib is missing; install it.)"
        )
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    return folder / ("NanumGothicBold.ttf" if bold else "NanumGothic.ttf")


def use_korean_font() -> None:
    """그림에 한글을 쓸 수 있게 한다: 글자는 DejaVu Sans로 그리고, 그 글꼴에 없는 한글은 NanumGothic으로 채운다.

    순서가 중요하다. 로그 눈금(10⁻¹)처럼 수식(mathtext)으로 그리는 글자는 첫 글꼴만 쓰는데, NanumGothic에는
    빼기 기호(U+2212)가 없다.
    """
    if KOREAN_FONT not in {font.name for font in font_manager.fontManager.ttflist}:
        for path in sorted(korean_font_file().parent.glob("*.ttf")):
            font_manager.fontManager.addfont(str(path))
    plt.rcParams["font.family"] = [LATIN_FONT, KOREAN_FONT]
    plt.rcParams["axes.unicode_minus"] = True


def show_images(images: torch.Tensor | np.ndarray, titles: Sequence[str] | None = None,
                ncols: int = 8, size: float = 1.4) -> Figure:
    """(N, H, W) 또는 (N, C, H, W) 이미지를 격자로 보여 준다. 값은 그림마다 [0, 1]로 맞춘다."""
    images = torch.as_tensor(np.asarray(images)).float()
    if images.ndim == 3:
        images = images.unsqueeze(1)
    if images.ndim != 4 or images.shape[1] not in (1, 3):
        raise ValueError(
            f"이미지는 (N, H, W) 또는 채널이 1·3개인 (N, C, H, W)여야 합니다. 받은 모양: {tuple(images.shape)} "
            f"(images must be (N, H, W) or (N, C, H, W) with C in 1 or 3)"
        )
    n = len(images)
    nrows = max(1, -(-n // ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows * 1.15), squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i >= n:
            continue
        image = images[i]
        low, high = image.min(), image.max()
        image = (image - low) / (high - low) if high > low else image * 0
        if image.shape[0] == 1:
            ax.imshow(image[0].numpy(), cmap="gray", vmin=0, vmax=1)
        else:
            ax.imshow(image.permute(1, 2, 0).numpy())
        if titles is not None:
            ax.set_title(titles[i], fontsize=9)
    fig.tight_layout()
    return fig


def plot_predictions(y_true: Sequence[float] | torch.Tensor, y_pred: Sequence[float] | torch.Tensor,
                     unit: str = "", title: str = "예측 대 정답") -> Figure:
    """회귀 결과: 가로축 정답, 세로축 예측. 대각선에 가까울수록 정확하다."""
    y_true = np.asarray(y_true, dtype=float).ravel()
    y_pred = np.asarray(y_pred, dtype=float).ravel()
    if y_true.shape != y_pred.shape:
        raise ValueError(f"정답 {y_true.shape}과 예측 {y_pred.shape}의 길이가 다릅니다. "
                         f"(y_true and y_pred differ in length.)")
    suffix = f" ({unit})" if unit else ""
    fig, ax = plt.subplots(figsize=(4.5, 4.5))
    ax.scatter(y_true, y_pred, s=14, alpha=0.7, label="시험 데이터")
    low, high = min(y_true.min(), y_pred.min()), max(y_true.max(), y_pred.max())
    ax.plot([low, high], [low, high], color="gray", linestyle="--", label="완벽한 예측 (y = x)")
    ax.set_xlabel(f"정답{suffix}")
    ax.set_ylabel(f"예측{suffix}")
    ax.set_title(title)
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig
