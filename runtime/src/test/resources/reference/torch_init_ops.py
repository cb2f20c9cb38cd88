# Reference for chainrule.internal.TorchInit: torch.nn.init.normal_, xavier_uniform_, xavier_normal_,
# kaiming_uniform_, kaiming_normal_ and nn.Linear's default draws, on float32 tensors, as PyTorch 1.13 CPU
# computes them on this machine (AVX2 kernels). Run with PyTorch 1.13.1 (Debian: apt-get install -y python3-torch):
#   /usr/bin/python3 torch_init_ops.py > torch_init_ops.txt
# Output, one operation per line, replayed in order by TorchInitTest:
#   seed S                                  torch.manual_seed(S) (a fresh generator)
#   OP outs ins [args] : <values>           values = float32 bit patterns, 8 hex digits, row-major
#   OP outs ins [args] sha256 H first V...  for large tensors: SHA-256 of the little-endian float32 bytes
#                                           and the first 64 values
import hashlib
import math
import struct
import sys

import torch

torch.set_num_threads(1)
FULL_LIMIT = 4096


def bits(t):
    return ['%08x' % struct.unpack('<I', struct.pack('<f', v))[0] for v in t.reshape(-1).tolist()]


def emit(op, outs, ins, args, t):
    head = ' '.join([op, str(outs), str(ins)] + [repr(a) for a in args])
    values = bits(t)
    if len(values) <= FULL_LIMIT:
        print(head, ':', ' '.join(values))
    else:
        digest = hashlib.sha256(t.detach().contiguous().numpy().astype('<f4').tobytes()).hexdigest()
        print(head, 'sha256', digest, 'first', ' '.join(values[:64]))


def run(op, outs, ins, *args):
    if op == 'linear':  # nn.Linear(ins, outs): weight then bias, printed together
        layer = torch.nn.Linear(ins, outs)
        emit(op, outs, ins, args, torch.cat([layer.weight.detach().reshape(-1), layer.bias.detach()]))
        return
    w = torch.empty(outs, ins)
    if op == 'normal':
        torch.nn.init.normal_(w, mean=args[0], std=args[1])
    elif op == 'xavier_uniform':
        torch.nn.init.xavier_uniform_(w, gain=args[0])
    elif op == 'xavier_normal':
        torch.nn.init.xavier_normal_(w, gain=args[0])
    elif op == 'kaiming_uniform':
        torch.nn.init.kaiming_uniform_(w, nonlinearity='relu')
    elif op == 'kaiming_normal':
        torch.nn.init.kaiming_normal_(w, nonlinearity='relu')
    else:
        raise ValueError(op)
    emit(op, outs, ins, args, w)


def seed(s):
    torch.manual_seed(s)
    print('seed', s)


CAPABILITY = [l.strip() for l in torch.__config__.show().splitlines() if 'CPU capability' in l]
print('# torch', torch.__version__, '(Debian 1.13.1 reports 1.13.0a0);', *CAPABILITY)
# the four shapes of the brief, each after a fresh manual_seed(777), then one after another
for outs, ins in [(3, 5), (10, 7), (16, 1), (256, 784)]:
    seed(777)
    run('normal', outs, ins, 0.0, 1.0)
seed(777)
for outs, ins in [(3, 5), (10, 7), (16, 1), (256, 784)]:
    run('normal', outs, ins, 0.0, 1.0)
# the scalar path's cached sine: an odd count leaves one for the next small normal_; manual_seed clears it
seed(777)
run('normal', 3, 5, 0.0, 1.0)
run('normal', 3, 5, 0.0, 1.0)
run('normal', 1, 1, 0.0, 1.0)
run('normal', 1, 1, 0.0, 1.0)
run('normal', 2, 3, 0.0, 1.0)
seed(777)
run('normal', 3, 5, 0.0, 1.0)
# mean and std that are not 0 and 1, on both paths
seed(777)
run('normal', 10, 7, 0.5, 0.01)
run('normal', 3, 5, 0.5, 0.01)
run('normal', 17, 3, -2.0, 3.0)
# the lecture's initialisations: lab-09_2 (normal_ on Linear(784, 10)), lab-09_3/4 (xavier_uniform_)
seed(777)
run('linear', 10, 784)
run('normal', 10, 784, 0.0, 1.0)
seed(777)
for outs, ins in [(256, 784), (256, 256), (10, 256)]:
    run('linear', outs, ins)
for outs, ins in [(256, 784), (256, 256), (10, 256)]:
    run('xavier_uniform', outs, ins, 1.0)
# the other initialisers
seed(777)
run('xavier_uniform', 10, 7, math.sqrt(2.0))
run('xavier_normal', 10, 7, 1.0)
run('xavier_normal', 3, 4, 1.0)
run('kaiming_uniform', 10, 7)
run('kaiming_normal', 10, 7)
run('kaiming_normal', 256, 784)
run('kaiming_normal', 2, 3)
# many seeds, many sizes: block path with and without a tail, and the scalar path
for s in range(40):
    seed(s)
    run('normal', 1, 16 + s, 0.0, 1.0)
    run('normal', 1, 1 + s % 15, 0.0, 1.0)
    run('normal', 7, 9 + s, 0.0, 1.0)
