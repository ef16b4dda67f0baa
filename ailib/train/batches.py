"""통째 텐서 배치(whole-tensor batches): 데이터 전체를 장치에 올려 두고, 에폭마다 섞어서 잘라 준다.

작은 데이터(MNIST, CIFAR-10)는 메모리에 다 들어가므로 이미지 한 장씩 꺼내는 `DataLoader` 대신
텐서를 통째로 장치(GPU)에 두고 배치 단위로 자르면 빠르다. 증강(augmentation)도 배치 전체에 한 번에 한다.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

import torch

from ailib.runtime import device as best_device

Transform = Callable[[torch.Tensor], torch.Tensor]


class TensorBatches:
    """`(inputs, targets)` 텐서를 배치로 나눠 내놓는 반복 가능한 객체. `Trainer.fit`에 그대로 넘긴다.

    - `shuffle=True`면 에폭(= `for` 한 바퀴)마다 순서를 새로 섞는다.
    - `transform`은 입력 배치 하나(장치 위의 텐서)를 받아 바꾼 배치를 돌려주는 함수다 (예: 증강, 정규화).
    """

    def __init__(self, inputs: torch.Tensor, targets: torch.Tensor, batch_size: int, *, shuffle: bool = False,
                 transform: Transform | None = None, device: torch.device | str | None = None,
                 drop_last: bool = False) -> None:
        if len(inputs) != len(targets):
            raise ValueError(
                f"입력과 정답의 개수가 다릅니다: {len(inputs)} 대 {len(targets)}. 같은 개수로 맞추세요. "
                f"(inputs and targets differ in length: {len(inputs)} vs {len(targets)}.)"
            )
        if not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(
                f"batch_size는 1 이상의 정수여야 합니다. 받은 값: {batch_size!r} "
                f"(batch_size must be a positive integer, got {batch_size!r})"
            )
        if len(inputs) == 0 or (drop_last and len(inputs) < batch_size):
            raise ValueError(
                f"배치를 하나도 만들 수 없습니다 (데이터 {len(inputs)}개, 배치 크기 {batch_size}). "
                f"데이터를 늘리거나 배치 크기를 줄이세요. (No full batch can be made; add data or lower batch_size.)"
            )
        self.device = torch.device(device) if device is not None else best_device()
        self.inputs, self.targets = inputs.to(self.device), targets.to(self.device)
        self.batch_size, self.shuffle, self.transform, self.drop_last = batch_size, shuffle, transform, drop_last

    def __len__(self) -> int:
        """한 에폭의 배치 수(= 반복 수)."""
        full, rest = divmod(len(self.inputs), self.batch_size)
        return full if self.drop_last or rest == 0 else full + 1

    def __iter__(self) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        count = len(self.inputs)
        order = torch.randperm(count, device=self.device) if self.shuffle else torch.arange(count, device=self.device)
        for start in range(0, len(self) * self.batch_size, self.batch_size):
            index = order[start:start + self.batch_size]
            inputs = self.inputs[index]
            if self.transform is not None:
                inputs = self.transform(inputs)
            yield inputs, self.targets[index]
