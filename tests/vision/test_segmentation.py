import pytest
import torch

from ailib.vision.segmentation import (centred_ellipse, dice, iou, iou_per_image, pet_mask, pixel_accuracy,
                                       predict_mask)


def masks(*rows: str) -> torch.Tensor:
    """'1100' 같은 문자열 줄들 → (1, H, W) bool 마스크."""
    return torch.tensor([[c == "1" for c in row] for row in rows]).unsqueeze(0)


def test_pixel_accuracy_and_iou_on_hand_made_masks():
    pred = masks("1100", "1100", "0000", "0000")
    target = masks("1000", "1100", "1000", "0000")
    # 교집합 3픽셀, 합집합 5픽셀; 틀린 픽셀 2개(오른쪽 위 예측, 왼쪽 셋째 줄 놓침)
    assert iou(pred, target).item() == pytest.approx(3 / 5)
    assert pixel_accuracy(pred, target).item() == pytest.approx(14 / 16)


def test_dataset_iou_pools_pixels_while_per_image_iou_does_not():
    pred = torch.cat([masks("11", "11"), masks("10", "00")])
    target = torch.cat([masks("11", "10"), masks("01", "00")])
    assert iou_per_image(pred, target).tolist() == pytest.approx([3 / 4, 0.0])
    assert iou(pred, target).item() == pytest.approx(3 / 6)
    empty = torch.zeros(1, 2, 2, dtype=torch.bool)
    assert iou_per_image(empty, empty).tolist() == [1.0] and iou(empty, empty).item() == 1.0


def test_mask_functions_check_shapes():
    with pytest.raises(ValueError, match="same|share"):
        iou(torch.zeros(1, 2, 2), torch.zeros(1, 2, 3))
    with pytest.raises(ValueError, match=r"\(N, H, W\)"):
        pixel_accuracy(torch.zeros(2, 2), torch.zeros(2, 2))


def test_pet_mask_counts_the_border_as_pet_and_predict_mask_thresholds_probabilities():
    trimap = torch.tensor([[[0, 1, 2]]])
    assert pet_mask(trimap).tolist() == [[[True, False, True]]]
    logits = torch.tensor([[[[-1.0, 0.1, 0.5, 2.0]]]])  # 로짓 0.1 > 0.5는 거짓이지만 σ(0.1) > 0.5
    assert predict_mask(logits).tolist() == [[[False, True, True, True]]]
    assert predict_mask(logits, threshold=0.6).tolist() == [[[False, False, True, True]]]  # σ(0.5)≈0.62, σ(0.1)≈0.52


def test_centred_ellipse_is_centred_and_scales_with_fraction():
    ellipse = centred_ellipse(3, 8, 8, fraction=0.5)
    assert ellipse.shape == (3, 8, 8) and torch.equal(ellipse[0], ellipse[2])
    assert ellipse[0, 3:5, 3:5].all() and not ellipse[0, 0].any()
    assert torch.equal(ellipse[0], ellipse[0].flip(0)) and torch.equal(ellipse[0], ellipse[0].flip(1))
    assert centred_ellipse(1, 8, 8, fraction=1.0).sum() > ellipse[0].sum()


def test_dice_pools_pixels_and_equals_two_iou_over_one_plus_iou():
    pred = masks("1100", "1100", "0000", "0000")
    target = masks("1000", "1100", "1000", "0000")
    assert dice(pred, target).item() == pytest.approx(2 * 3 / (4 + 4))     # 교집합 3, 예측 4, 정답 4
    value = iou(pred, target).item()
    assert dice(pred, target).item() == pytest.approx(2 * value / (1 + value))
    empty = torch.zeros(1, 2, 2, dtype=torch.bool)
    assert dice(empty, empty).item() == 1.0
