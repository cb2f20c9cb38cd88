# Reference for chainrule.internal.Kernels' cross-entropy, log-softmax, NLL and argmax kernels:
# torch.nn.CrossEntropyLoss() (class-index targets, mean over rows) and its gradient, PyTorch 1.13 CPU, one thread.
# Run with PyTorch 1.13.1 (Debian: apt-get install -y python3-torch):
#   /usr/bin/python3 torch_cross_entropy.py > torch_cross_entropy.txt
# Format: "case NAME rows R classes C" starts a case; then "KEY : values" lines, floats as 8-hex-digit bit patterns:
#   logits (rows x classes), labels (ints), logp = log_softmax(logits, 1), loss, grad = d loss / d logits,
#   argmax = logits.argmax(1) (ints)
import struct

import torch

torch.set_num_threads(1)
CAPABILITY = [l.strip() for l in torch.__config__.show().splitlines() if 'CPU capability' in l]
print('# torch', torch.__version__, '(Debian 1.13.1 reports 1.13.0a0);', *CAPABILITY)


def hexes(t):
    return ' '.join('%08x' % struct.unpack('<I', struct.pack('<f', v))[0] for v in t.reshape(-1).tolist())


def case(name, logits, labels):
    rows, classes = logits.shape
    logits = logits.clone().requires_grad_(True)
    loss = torch.nn.CrossEntropyLoss()(logits, labels)
    loss.backward()
    print('case', name, 'rows', rows, 'classes', classes)
    print('logits :', hexes(logits.detach()))
    print('labels :', ' '.join(str(v) for v in labels.tolist()))
    print('logp :', hexes(torch.log_softmax(logits.detach(), 1)))
    print('loss :', hexes(loss.detach()))
    print('grad :', hexes(logits.grad))
    print('argmax :', ' '.join(str(v) for v in logits.detach().argmax(1).tolist()))


g = torch.Generator().manual_seed(2024)
# every row length below, at and around the 8-lane vector width; batches that cross NLL's 16-row cascade blocks
shapes = [(1, 2), (4, 3), (3, 7), (5, 8), (6, 9), (64, 10), (33, 17), (17, 16), (9, 31), (8, 100)]
for rows, classes, scales in [(r, c, (1.0, 8.0, 40.0)) for r, c in shapes] + [(600, 10, (2.0,)), (300, 3, (5.0,))]:
    for scale in scales:
        logits = torch.randn(rows, classes, generator=g) * scale + torch.randn(rows, 1, generator=g) * scale
        labels = torch.randint(0, classes, (rows,), generator=g)
        case('random_%dx%d_scale%g' % (rows, classes, scale), logits, labels)
# large logits (the max subtraction matters), equal logits (ties for argmax), a confident correct row,
# logits near float's limits
case('huge', torch.tensor([[1e4, 1e4 - 1, -1e4], [3e38, -3e38, 0.0], [-88.0, -100.0, -104.5]]), torch.tensor([0, 1, 2]))
case('ties', torch.tensor([[1.0, 3.0, 3.0, 0.0], [2.0, 2.0, 2.0, 2.0], [-1.0, -1.0, 5.0, 5.0]]), torch.tensor([1, 3, 2]))
case('confident', torch.tensor([[30.0, -30.0], [-30.0, 30.0], [0.0, 1e-3]]), torch.tensor([0, 1, 1]))
