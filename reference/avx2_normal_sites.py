"""Which multiply-adds of torch 1.13's AVX2 normal_ kernel are fused: compares avx2_normal.Model with every
site fused, with none, and with each site left unfused in turn, against torch.nn.init.normal_ on a 256 x 784
float32 tensor after torch.manual_seed(SEED); also the naive double-precision Box-Muller for contrast.
Prints a table; writes nothing. Run: /usr/bin/python3 reference/avx2_normal_sites.py [seed] [elements]
"""
import sys

import numpy as np
import torch

import avx2_normal as A
import tracelib as T


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 777
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 256 * 784
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    ref = torch.empty(n)
    torch.nn.init.normal_(ref)
    ref = ref.numpy()

    def equal(fused):
        return int((A.Model(fused).normal_(T.MT19937(seed), n, 0.0, 1.0) == ref).sum())

    print('seed %d, %d elements: values equal to torch' % (seed, n))
    print('  %-32s %7d' % ('every site fused', equal(A.ALL_SITES)))
    print('  %-32s %7d' % ('no site fused', equal([])))
    swapped = [s for s in A.ALL_SITES if s != 'log_yz_plus_eq1'] + ['log_eq1_plus_yz']
    print('  %-32s %7d' % ('fma(e, q1, y * z) in the log', equal(swapped)))
    for site in A.ALL_SITES:
        print('  %-32s %7d' % ('all but ' + site, equal([s for s in A.ALL_SITES if s != site])))

    # the same uniforms through double-precision log / sin / cos (numpy, i.e. glibc-quality), rounded once
    g = T.MT19937(seed)
    d = np.array([(g.random32() & 0xFFFFFF) * 2.0 ** -24 for _ in range(n // 16 * 16)], dtype=np.float32)
    d = d.reshape(-1, 16)
    radius = np.sqrt(-2 * np.log((np.float32(1) - d[:, :8]).astype(np.float64)))
    theta = (A.TWO_PI * d[:, 8:]).astype(np.float32).astype(np.float64)
    naive = np.concatenate([(radius * np.cos(theta)).astype(np.float32),
                            (radius * np.sin(theta)).astype(np.float32)], axis=1).reshape(-1)
    full = n // 16 * 16
    print('  %-32s %7d of the first %d' % ('double log/sin/cos', int((naive == ref[:full]).sum()), full))


if __name__ == '__main__':
    main()
