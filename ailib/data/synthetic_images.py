"""절차적으로 그린 대체 이미지: CIFAR-10 대신 쓰는 10가지 도형·무늬, 반려동물 대신 쓰는 얼룩과 마스크.

모든 그림은 seed로 정해지므로 같은 seed면 같은 픽셀이 나온다. 색·위치·크기·잡음이 제각각이라
픽셀 위치를 외우는 MLP보다 위치에 상관없이 모양을 찾는 CNN이 훨씬 잘 배운다.
"""
from __future__ import annotations

import numpy as np

SHAPE_NAMES_KO = ("원", "사각형", "삼각형", "십자", "고리", "가로 줄무늬", "세로 줄무늬", "빗금", "체크무늬", "점무늬")
_CHUNK = 5000


def shape_images(count: int, seed: int, size: int = 32) -> tuple[np.ndarray, np.ndarray]:
    """(images uint8 (N,3,size,size), labels int64 (N,)). 클래스는 SHAPE_NAMES_KO 순서, 개수는 고르게."""
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(count) % len(SHAPE_NAMES_KO))
    masks = np.zeros((count, size, size), dtype=bool)
    for label in range(len(SHAPE_NAMES_KO)):
        chosen = np.flatnonzero(labels == label)
        masks[chosen] = _shape_mask(label, len(chosen), rng, size)
    images = np.empty((count, 3, size, size), dtype=np.uint8)
    for start in range(0, count, _CHUNK):
        images[start:start + _CHUNK] = _paint(masks[start:start + _CHUNK], rng)
    return images, labels.astype(np.int64)


def blob_images(count: int, seed: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    """(images uint8 (N,3,S,S), trimaps int64 (N,S,S)): 0 = 동물(얼룩), 1 = 배경, 2 = 경계선."""
    rng = np.random.default_rng(seed)
    yy, xx = _grid(size)
    dy, dx = yy - _uniform(rng, 0.35, 0.65, count) * size, xx - _uniform(rng, 0.35, 0.65, count) * size
    angle, distance = np.arctan2(dy, dx), np.hypot(dy, dx)
    edge = _uniform(rng, 0.18, 0.32, count) * size
    for k in (2, 3, 5):  # 둘레를 물결치게 해서 얼룩 모양을 만든다
        edge = edge * (1 + _uniform(rng, 0.0, 0.18, count) * np.cos(k * angle + _uniform(rng, 0, 2 * np.pi, count)))
    border = max(1.0, size / 64)
    trimaps = np.where(distance < edge - border, 0, np.where(distance > edge + border, 1, 2))
    pet = rng.integers(40, 230, (count, 3, 1, 1), dtype=np.int16)
    background = rng.integers(40, 230, (count, 3, 1, 1), dtype=np.int16) + (40 * yy / size).astype(np.int16)
    pixels = np.where(trimaps[:, None] == 1, background, pet + rng.integers(-30, 31, (count, 1, size, size),
                                                                          dtype=np.int16))
    return _to_uint8(pixels + rng.integers(-10, 11, pixels.shape, dtype=np.int16)), trimaps.astype(np.int64)


def _grid(size: int) -> tuple[np.ndarray, np.ndarray]:
    return np.mgrid[0:size, 0:size].astype(np.float32)


def _shape_mask(label: int, count: int, rng: np.random.Generator, size: int) -> np.ndarray:
    """한 클래스의 (count, size, size) 마스크. 도형은 위치·크기가, 무늬는 간격·위상이 무작위다."""
    yy, xx = _grid(size)
    dy, dx = yy - _uniform(rng, 0.3, 0.7, count) * size, xx - _uniform(rng, 0.3, 0.7, count) * size
    r = _uniform(rng, 0.16, 0.28, count) * size
    period = _uniform(rng, 4.0, 8.0, count)
    phase = _uniform(rng, 0.0, 2 * np.pi, count)
    if label == 0:                                                        # 원
        return np.hypot(dy, dx) <= r
    if label == 1:                                                        # 사각형
        return np.maximum(abs(dx), abs(dy)) <= 0.85 * r
    if label == 2:                                                        # 삼각형
        return (abs(dx) <= 0.6 * (dy + r)) & (dy <= 0.8 * r)
    if label == 3:                                                        # 십자
        return ((abs(dx) <= 0.3 * r) & (abs(dy) <= r)) | ((abs(dy) <= 0.3 * r) & (abs(dx) <= r))
    if label == 4:                                                        # 고리
        distance = np.hypot(dy, dx)
        return (distance <= r) & (distance >= 0.55 * r)
    if label == 5:                                                        # 가로 줄무늬
        return np.sin(2 * np.pi * yy / period + phase) > 0
    if label == 6:                                                        # 세로 줄무늬
        return np.sin(2 * np.pi * xx / period + phase) > 0
    if label == 7:                                                        # 빗금
        return np.sin(2 * np.pi * (xx + yy) / (1.4 * period) + phase) > 0
    if label == 8:                                                        # 체크무늬
        return (np.floor((xx + phase) / period) + np.floor((yy + phase) / period)) % 2 == 0
    half = period / 2                                                     # 점무늬
    return np.hypot((xx + phase) % period - half, (yy + phase) % period - half) <= period / 4


def _uniform(rng: np.random.Generator, low: float, high: float, count: int) -> np.ndarray:
    """그림마다 하나씩, (count, 1, 1) 모양의 float32 균등 난수."""
    return (low + (high - low) * rng.random((count, 1, 1), dtype=np.float32)).astype(np.float32)


def _paint(masks: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """마스크를 무작위 전경색/배경색으로 칠하고 잡음을 더한다. 두 색은 충분히 다르게 고른다."""
    count = len(masks)
    foreground = rng.integers(0, 256, (count, 3, 1, 1), dtype=np.int16)
    background = rng.integers(0, 256, (count, 3, 1, 1), dtype=np.int16)
    too_close = np.abs(foreground - background).mean(axis=1, keepdims=True) < 60
    background = np.where(too_close, 255 - foreground, background)
    pixels = np.where(masks[:, None], foreground, background)
    return _to_uint8(pixels + rng.integers(-24, 25, pixels.shape, dtype=np.int16))  # 고른 잡음, 표준편차 약 14


def _to_uint8(pixels: np.ndarray) -> np.ndarray:
    return np.clip(pixels, 0, 255).astype(np.uint8)
