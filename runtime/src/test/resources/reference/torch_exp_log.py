# Reference for chainrule.internal.SleefFloat: torch.exp and torch.log on float32 tensors, which on an AVX2 CPU run
# SLEEF's Sleef_expf8_u10 / Sleef_logf8_u10 for every element (no MKL in Debian's build; lengths are multiples of 8).
# Run with PyTorch 1.13.1 (Debian: apt-get install -y python3-torch): /usr/bin/python3 torch_exp_log.py > torch_exp_log.txt
# Inputs: every 2^20-th float32 bit pattern (all signs, subnormals, infinities, NaNs), plus uniform samples of the
# ranges cross-entropy uses (exp of l - max <= 0, log of a sum of exponentials >= 1).
import struct

import numpy as np
import torch

torch.set_num_threads(1)
CAPABILITY = [l.strip() for l in torch.__config__.show().splitlines() if 'CPU capability' in l]
print('# torch', torch.__version__, '(Debian 1.13.1 reports 1.13.0a0);', *CAPABILITY)


def hexes(a):
    return ' '.join('%08x' % v for v in np.asarray(a, dtype=np.float32).view(np.uint32).tolist())


rng = np.random.default_rng(12)
spread = np.arange(0, 2**32, 2**20, dtype=np.uint64).astype(np.uint32).view(np.float32)
exp_inputs = np.concatenate([spread, rng.uniform(-104, 0, 1000), rng.uniform(-20, 0, 1000)]).astype(np.float32)
log_inputs = np.concatenate([spread, rng.uniform(1, 2, 1000), rng.uniform(1, 1000, 1000)]).astype(np.float32)
for name, fn, x in [('exp', torch.exp, exp_inputs), ('log', torch.log, log_inputs)]:
    y = fn(torch.from_numpy(x)).numpy()
    print('case', name, 'n', len(x))
    print('x :', hexes(x))
    print('y :', hexes(y))
