"""RNN 그림: 강의 노트의 벡터 단위 그림, 뉴런 단위 그림, 한 시점의 계산, 입출력 구조(일 대 다 …).

모두 matplotlib Figure를 돌려준다. 상자 = 벡터, 원 = 뉴런 하나, 화살표 = 가중치를 곱해 더해지는 길이다.
"""
from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch

COLORS = {"input": "#f7c6c7", "hidden": "#c7e9c0", "output": "#c6dbef", "op": "#eeeeee"}


def _box(ax: Axes, x: float, y: float, text: str, kind: str, width: float = 0.8, height: float = 0.5) -> None:
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height, boxstyle="round,pad=0.05",
                                facecolor=COLORS[kind], edgecolor="black"))
    ax.text(x, y, text, ha="center", va="center", fontsize=11)


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float], label: str = "",
           color: str = "black") -> None:
    ax.annotate("", xy=end, xytext=start, arrowprops={"arrowstyle": "->", "color": color, "lw": 1.3})
    if label:
        ax.text((start[0] + end[0]) / 2 + 0.08, (start[1] + end[1]) / 2 + 0.08, label, color=color, fontsize=10)


def _finish(ax: Axes, title: str) -> None:
    ax.set_title(title)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.autoscale_view()


def plot_unrolled(words: Sequence[str] = ("나는", "너를", "좋아해")) -> Figure:
    """벡터 단위 RNN: 시점마다 입력 x_t와 이전 은닉 상태 h_(t-1)이 은닉 상태 h_t를 만든다 (같은 W, U)."""
    fig, ax = plt.subplots(figsize=(2.2 * len(words) + 1.5, 3.2))
    _box(ax, 0, 1.5, "$h_0$", "hidden")
    for t, word in enumerate(words, start=1):
        x = 2.0 * t
        _box(ax, x, 0, f"$x_{t}$", "input")
        ax.text(x, -0.6, f"'{word}'", ha="center", va="center")
        _box(ax, x, 1.5, f"$h_{t}$", "hidden")
        _arrow(ax, (x, 0.3), (x, 1.2), "W", "tab:red")
        _arrow(ax, (x - 1.55, 1.5), (x - 0.45, 1.5), "U", "tab:green")
    ax.set_xlim(-0.8, 2.0 * len(words) + 0.8)
    ax.set_ylim(-0.9, 2.1)
    _finish(ax, "벡터 단위로 그린 RNN (모든 시점이 같은 W, U)")
    return fig


def plot_neurons(input_size: int = 3, hidden_size: int = 2, steps: int = 3) -> Figure:
    """뉴런 단위 RNN: 벡터의 칸 하나하나를 원으로 그린다. 선 하나가 가중치 하나다."""
    fig, ax = plt.subplots(figsize=(2.6 * steps + 1.5, 4.2))
    radius, gap = 0.16, 0.45

    def column(x: float, y0: float, count: int, kind: str) -> list[tuple[float, float]]:
        centers = [(x, y0 + i * gap) for i in range(count)]
        for center in centers:
            ax.add_patch(Circle(center, radius, facecolor=COLORS[kind], edgecolor="black"))
        return centers

    previous = column(0.0, 2.2, hidden_size, "hidden")
    ax.text(0.0, 2.2 - 0.45, "$h_0$", ha="center")
    for t in range(1, steps + 1):
        x = 2.5 * t
        inputs = column(x - 0.9, 0.0, input_size, "input")
        hidden = column(x, 2.2, hidden_size, "hidden")
        ax.text(x - 0.9, -0.45, f"$x_{t}$", ha="center")
        ax.text(x, 2.2 - 0.45, f"$h_{t}$", ha="center")
        for (a, b) in inputs:
            for (c, d) in hidden:
                ax.plot([a, c], [b, d], color="tab:red", lw=0.8)
        for (a, b) in previous:
            for (c, d) in hidden:
                ax.plot([a, c], [b, d], color="tab:green", lw=0.8)
        previous = hidden
    ax.text(0.0, -0.45, f"빨강: W ({hidden_size}×{input_size})\n초록: U ({hidden_size}×{hidden_size})",
            fontsize=9, va="top")
    ax.set_xlim(-0.6, 2.5 * steps + 0.6)
    ax.set_ylim(-1.2, 2.2 + gap * hidden_size + 0.2)
    _finish(ax, "뉴런 단위로 그린 RNN")
    return fig


def plot_step() -> Figure:
    """시점 t = 1의 계산: x₁ · W와 h₀ · U를 더해 활성화 함수 f를 거치면 h₁."""
    fig, ax = plt.subplots(figsize=(7.5, 3.0))
    _box(ax, 0, 1.4, "$x_1$", "input")
    _box(ax, 0, 0, "$h_0$", "hidden")
    _box(ax, 1.6, 1.4, "× W", "op")
    _box(ax, 1.6, 0, "× U", "op")
    _box(ax, 3.1, 0.7, "+", "op", width=0.5)
    _box(ax, 4.5, 0.7, "f\n(tanh, ReLU)", "op", width=1.2, height=0.8)
    _box(ax, 6.1, 0.7, "$h_1$", "hidden")
    _arrow(ax, (0.45, 1.4), (1.15, 1.4))
    _arrow(ax, (0.45, 0), (1.15, 0))
    _arrow(ax, (2.05, 1.3), (2.85, 0.85))
    _arrow(ax, (2.05, 0.1), (2.85, 0.55))
    _arrow(ax, (3.4, 0.7), (3.85, 0.7))
    _arrow(ax, (5.15, 0.7), (5.65, 0.7))
    ax.set_xlim(-0.6, 6.7)
    ax.set_ylim(-0.5, 1.9)
    _finish(ax, "시간 t = 1: h₁ = f(W·x₁ + U·h₀)")
    return fig


IO_PATTERNS = {
    # 이름: (입력 시점들, 출력 시점들, 시점 수)
    "일 대 다 (one-to-many)\n이미지 캡셔닝": ([0], [0, 1, 2, 3], 4),
    "다 대 일 (many-to-one)\n감정 분류, 스팸 분류": ([0, 1, 2, 3], [3], 4),
    "다 대 다 (many-to-many)\n품사 태깅": ([0, 1, 2, 3], [0, 1, 2, 3], 4),
    "다 대 다 (many-to-many)\n번역, 챗봇": ([0, 1, 2], [3, 4, 5], 6),
}


def plot_io_patterns() -> Figure:
    """RNN의 입출력 구조 네 가지. 아래 빨강 = 입력 x, 가운데 초록 = 은닉 상태 h, 위 파랑 = 출력 y.

    h의 번호는 시점, x와 y의 번호는 몇 번째 입력·출력인가다 (번역에서 y₁은 시점 4의 출력).
    """
    fig, axes = plt.subplots(1, len(IO_PATTERNS), figsize=(15, 3.6))
    for ax, (title, (ins, outs, steps)) in zip(axes, IO_PATTERNS.items()):
        for t in range(steps):
            _box(ax, t, 1.2, f"$h_{{{t + 1}}}$", "hidden", width=0.6, height=0.45)
            if t:
                _arrow(ax, (t - 0.7, 1.2), (t - 0.3, 1.2))
        for number, t in enumerate(ins, start=1):
            _box(ax, t, 0, f"$x_{{{number}}}$", "input", width=0.6, height=0.45)
            _arrow(ax, (t, 0.25), (t, 0.95))
        for number, t in enumerate(outs, start=1):
            _box(ax, t, 2.4, f"$y_{{{number}}}$", "output", width=0.6, height=0.45)
            _arrow(ax, (t, 1.45), (t, 2.15))
        ax.set_xlim(-0.6, steps - 0.4)
        ax.set_ylim(-0.4, 2.8)
        _finish(ax, title)
    fig.tight_layout()
    return fig
