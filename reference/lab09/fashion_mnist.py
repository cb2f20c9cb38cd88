"""Fashion-MNIST read straight from its IDX .gz files, shaped like torchvision's MNIST dataset.

The lab-09 notebooks use `dsets.MNIST(root, train, transform=transforms.ToTensor(), download=True)`.
torchvision cannot download here, so this module stands in for it with the same observable behaviour:
- `dataset[i]` is `(image, label)`: image a float32 tensor (1, 28, 28) holding `uint8 / 255` exactly as
  `ToTensor()` computes it (convert to float32, then one float32 division by 255), label a Python int;
- `dataset.data` / `dataset.test_data` are the raw uint8 pixels (N, 28, 28) and
  `dataset.targets` / `dataset.test_labels` the int64 labels (N,), the attributes the notebooks' test cells read.
"""
import gzip
import os

import numpy as np
import torch

# IDX type byte -> numpy dtype; the MNIST family uses only 0x08 (unsigned byte).
_IDX_TYPES = {0x08: np.uint8}


def read_idx(path):
    """One IDX file (gzip-compressed) as a numpy array: magic 00 00 <type> <ndim>, big-endian int32 sizes, data."""
    with gzip.open(path, 'rb') as f:
        raw = f.read()
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0:
        raise ValueError(f'{path}: expected IDX magic 00 00 <type> <ndim>, got {raw[:4].hex()}')
    type_byte, ndim = raw[2], raw[3]
    if type_byte not in _IDX_TYPES:
        raise ValueError(f'{path}: expected IDX type byte 0x08 (unsigned byte), got 0x{type_byte:02x}')
    dims = tuple(int(d) for d in np.frombuffer(raw, dtype='>i4', count=ndim, offset=4))
    offset = 4 + 4 * ndim
    count = int(np.prod(dims))
    if len(raw) - offset != count:
        raise ValueError(f'{path}: expected {count} data bytes for dims {dims}, got {len(raw) - offset}')
    return np.frombuffer(raw, dtype=_IDX_TYPES[type_byte], offset=offset).reshape(dims).copy()


def to_tensor(pixels_uint8):
    """What transforms.ToTensor() gives for uint8 images (N, 28, 28): float32 (N, 1, 28, 28), pixel / 255."""
    return torch.from_numpy(pixels_uint8).to(torch.float32).div(255).unsqueeze(1)


class FashionMnist(torch.utils.data.Dataset):
    """Fashion-MNIST from `root` (the four *-ubyte.gz files), train or test split, ToTensor applied."""

    def __init__(self, root, train):
        prefix = 'train' if train else 't10k'
        self.data = torch.from_numpy(read_idx(os.path.join(root, f'{prefix}-images-idx3-ubyte.gz')))
        self.targets = torch.from_numpy(read_idx(os.path.join(root, f'{prefix}-labels-idx1-ubyte.gz'))).long()
        if self.data.shape[0] != self.targets.shape[0] or tuple(self.data.shape[1:]) != (28, 28):
            raise ValueError(f'{root}: expected images (N, 28, 28) and N labels, '
                             f'got images {tuple(self.data.shape)} and labels {tuple(self.targets.shape)}')
        # ToTensor() is elementwise, so converting all images once gives the same floats as per item.
        self._images = to_tensor(self.data.numpy())

    # torchvision's deprecated names, which the notebooks use in their test cells
    @property
    def test_data(self):
        return self.data

    @property
    def test_labels(self):
        return self.targets

    def __len__(self):
        return self.data.shape[0]

    def __getitem__(self, index):
        return self._images[index], int(self.targets[index])
