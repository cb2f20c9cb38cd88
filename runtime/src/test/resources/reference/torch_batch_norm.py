# Reference for chainrule.internal.Kernels' batch-norm kernels: torch.nn.BatchNorm1d(features) (eps 1e-5,
# momentum 0.1) on float32 (rows x features) batches, PyTorch 1.13 CPU on ONE thread (its sums over rows are
# split by thread). Run with PyTorch 1.13.1 (Debian: apt-get install -y python3-torch):
#   /usr/bin/python3 torch_batch_norm.py > torch_batch_norm.txt
# Format: "case NAME rows R features F"; gamma, beta and the running statistics rm0, rv0 it starts from; then two
# training steps k = 1, 2: input xk, upstream gradient dyk, output yk, saved batch mean meank and 1/sqrt(var + eps)
# invstdk, gradients dxk, dgammak, dbetak, running statistics rmk, rvk after the step; then an evaluation forward
# xe -> ye with the final running statistics. Floats as 8-hex-digit bit patterns.
import struct

import torch

torch.set_num_threads(1)
CAPABILITY = [l.strip() for l in torch.__config__.show().splitlines() if 'CPU capability' in l]
print('# torch', torch.__version__, '(Debian 1.13.1 reports 1.13.0a0);', *CAPABILITY)
g = torch.Generator().manual_seed(5)


def hexes(t):
    return ' '.join('%08x' % struct.unpack('<I', struct.pack('<f', v))[0] for v in t.reshape(-1).tolist())


def batch(rows, features, shift, scale):
    return torch.randn(rows, features, generator=g) * scale + torch.randn(features, generator=g) * shift


def case(name, rows, features, shift=1.0, scale=1.0, fresh=False):
    bn = torch.nn.BatchNorm1d(features)
    if not fresh:  # learned-looking parameters and statistics instead of 1, 0, 0, 1
        with torch.no_grad():
            bn.weight.copy_(torch.randn(features, generator=g) * 0.5 + 1)
            bn.bias.copy_(torch.randn(features, generator=g) * 0.5)
            bn.running_mean.copy_(torch.randn(features, generator=g))
            bn.running_var.copy_(torch.rand(features, generator=g) + 0.5)
    print('case', name, 'rows', rows, 'features', features)
    print('gamma :', hexes(bn.weight.detach()))
    print('beta :', hexes(bn.bias.detach()))
    print('rm0 :', hexes(bn.running_mean))
    print('rv0 :', hexes(bn.running_var))
    bn.train()
    for step in (1, 2):
        x = batch(rows, features, shift, scale).requires_grad_(True)
        dy = torch.randn(rows, features, generator=g)
        _, mean, invstd = torch.native_batch_norm(x.detach(), bn.weight.detach(), bn.bias.detach(),
                                                  bn.running_mean.clone(), bn.running_var.clone(), True, 0.1, 1e-5)
        bn.zero_grad()
        y = bn(x)
        (y * dy).sum().backward()
        for key, t in [('x', x.detach()), ('dy', dy), ('y', y.detach()), ('mean', mean), ('invstd', invstd),
                       ('dx', x.grad), ('dgamma', bn.weight.grad), ('dbeta', bn.bias.grad),
                       ('rm', bn.running_mean), ('rv', bn.running_var)]:
            print('%s%d :' % (key, step), hexes(t))
    bn.eval()
    xe = batch(rows, features, shift, scale)
    print('xe :', hexes(xe))
    print('ye :', hexes(bn(xe).detach()))


for rows, features in [(2, 3), (5, 4), (7, 13), (3, 1), (17, 8), (64, 10), (100, 9), (40, 20), (9, 17)]:
    case('random_%dx%d' % (rows, features), rows, features)
case('fresh_module_16x5', 16, 5, fresh=True)
# a large offset (the mean's summation order shows) and a tiny spread (eps matters)
case('offset_1000', 50, 6, shift=1000.0, scale=1.0)
case('tiny_spread', 30, 7, shift=1.0, scale=1e-3)
