"""The references of LeakyReluKernelsTest: nn.LeakyReLU(slope) forward and backward on float32, as bit patterns.

Run with PyTorch 1.13 CPU: /usr/bin/python3 leaky_relu.py
"""
import struct

import torch

X = [-2.0, -1e-45, -0.0, 0.0, 1e-45, 3.5, -3.0e38, float('nan'), 0.7, -0.7]
UPSTREAM = 1.5


def bits(values):
    return ', '.join('0x' + struct.pack('>f', v).hex() for v in values)


print('torch', torch.__version__)
print('X', bits(torch.tensor(X, dtype=torch.float32).tolist()))
for slope in [0.01, 0.2, 0.0]:
    x = torch.tensor(X, dtype=torch.float32, requires_grad=True)
    y = torch.nn.LeakyReLU(slope)(x)
    y.backward(torch.full_like(y, UPSTREAM))
    print('slope', slope)
    print('  Y', bits(y.detach().tolist()))
    print('  G', bits(x.grad.tolist()))
