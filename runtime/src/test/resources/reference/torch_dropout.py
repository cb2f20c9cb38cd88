# Reference for chainrule.internal.Kernels' dropout kernels: torch.nn.Dropout(p) in training mode on float32
# activations, and its backward, PyTorch 1.13 CPU. Run with PyTorch 1.13.1 (Debian: apt-get install -y python3-torch):
#   /usr/bin/python3 torch_dropout.py > torch_dropout.txt
# Format: "case NAME seed S rows R features F p P" (seed -1: the generator continues from the previous case);
# then x, dy (inputs, from a separate generator), y = dropout(x), dx = d(y·dy)/dx, and next = 4 values of
# uniform_() drawn right after, which show how many draws the dropout took. Floats as 8-hex-digit bit patterns.
import struct

import torch

torch.set_num_threads(1)
CAPABILITY = [l.strip() for l in torch.__config__.show().splitlines() if 'CPU capability' in l]
print('# torch', torch.__version__, '(Debian 1.13.1 reports 1.13.0a0);', *CAPABILITY)
inputs = torch.Generator().manual_seed(99)


def hexes(t):
    return ' '.join('%08x' % struct.unpack('<I', struct.pack('<f', v))[0] for v in t.reshape(-1).tolist())


def case(name, seed, rows, features, p):
    if seed >= 0:
        torch.manual_seed(seed)
    x = (torch.randn(rows, features, generator=inputs) * 3).requires_grad_(True)
    dy = torch.randn(rows, features, generator=inputs)
    y = torch.nn.Dropout(p)(x)  # a new module is in training mode
    (y * dy).sum().backward()
    after = torch.empty(4).uniform_()
    print('case', name, 'seed', seed, 'rows', rows, 'features', features, 'p', repr(p))
    print('x :', hexes(x.detach()))
    print('dy :', hexes(dy))
    print('y :', hexes(y.detach()))
    print('dx :', hexes(x.grad))
    print('next :', hexes(after))


# the lecture's lab-09_5 keeps p = 0.3; other probabilities check the threshold and the scale 1 / (1 - p) in float
for i, p in enumerate([0.3, 0.5, 0.1, 0.2, 0.7, 0.9, 0.25, 1 / 3, 0.05, 0.999]):
    case('p%g' % p, 777 + i, 8, 13, p)
# two dropout layers in one step: the second mask continues the stream
case('first_of_two', 777, 16, 32, 0.3)
case('second_of_two', -1, 16, 32, 0.3)
# a batch of the lecture's 100 rows (on fewer features than its 512), and p = 0 and p = 1, which draw nothing
case('lecture_batch', 1, 100, 40, 0.3)
case('p0', 5, 4, 6, 0.0)
case('p1', 5, 4, 6, 1.0)
