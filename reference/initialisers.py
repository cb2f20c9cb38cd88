"""Trace 4: torch.nn.init initialisers, bit for bit. Each case runs right after torch.manual_seed(777) on a fresh
float32 tensor; every case is also replayed in Python (tracelib.MT19937 + the formulas below) and asserted
equal to torch:
  - uniform_ (xavier_uniform_, kaiming_uniform_): one random32 per element, x = (u & 0xFFFFFF) * 2^-24,
    r = fma(x, (float) to - (float) from, (float) from);
  - normal_ on fewer than 16 elements: the scalar double-precision Box-Muller of normal_distribution<double>
    (one random64 per uniform, 53 bits, two uniforms per pair, the sine cached in the generator);
  - normal_ on 16 or more contiguous elements: the AVX2 kernel, modelled in avx2_normal.py with every
    multiply-add of avx_mathfun.h's log256_ps / sincos256_ps fused.

Writes examples/src/test/resources/reference/initialisers.txt.
"""
import math

import numpy as np
import torch

import avx2_normal
import tracelib as T

SEED = 777
FULL_LIMIT = 1024          # tensors up to this many elements are written in full; larger ones by checksum


def uniform_replay(gen, n, lo, hi):
    lo_f, hi_f = np.float32(lo), np.float32(hi)
    rng = np.float32(hi_f - lo_f)
    x = np.array([(gen.random32() & 0xFFFFFF) * 2.0 ** -24 for _ in range(n)], dtype=np.float32)
    return T.fma_f32(x, rng, lo_f)


class ScalarNormal:
    """at::normal_distribution<double> on the CPU generator: Box-Muller in double, glibc log/sin/cos (the
    same libm Python's math module calls), the second value of each pair cached in the generator"""

    def __init__(self, gen):
        self.gen = gen
        self.cache = None

    def uniform(self):
        return (self.gen.random64() & ((1 << 53) - 1)) * 2.0 ** -53

    def sample(self, mean, std):
        if self.cache is not None:
            v, self.cache = self.cache, None
            return v * std + mean
        u1 = self.uniform()
        u2 = self.uniform()
        r = math.sqrt(-2.0 * math.log(1.0 - u2))
        theta = 2.0 * math.pi * u1
        self.cache = r * math.sin(theta)
        return r * math.cos(theta) * std + mean

    def fill(self, n, mean, std):
        return np.array([self.sample(mean, std) for _ in range(n)], dtype=np.float64).astype(np.float32)


def fans(shape):
    return shape[1], shape[0]          # 2-D weight (out, in): fan_in = in, fan_out = out


def torch_case(kind, shape, arg):
    torch.manual_seed(SEED)
    w = torch.empty(shape)
    if kind == 'xavier_uniform':
        torch.nn.init.xavier_uniform_(w)
    elif kind == 'normal':
        torch.nn.init.normal_(w, mean=0.0, std=arg)
    elif kind == 'kaiming_uniform':
        torch.nn.init.kaiming_uniform_(w, nonlinearity='relu')
    elif kind == 'kaiming_normal':
        torch.nn.init.kaiming_normal_(w, nonlinearity='relu')
    nxt = int(torch.empty((), dtype=torch.int64).random_().item())
    return w.numpy().reshape(-1).copy(), nxt


def replay_case(kind, shape, arg):
    """(values, 32-bit draws used, the generator's next int64, (parameter name, value), the code path)"""
    n = int(np.prod(shape))
    g = T.MT19937(SEED)
    fan_in, fan_out = fans(shape)
    if kind in ('xavier_uniform', 'kaiming_uniform'):
        if kind == 'xavier_uniform':
            bound = math.sqrt(3.0) * (1.0 * math.sqrt(2.0 / float(fan_in + fan_out)))
        else:
            bound = math.sqrt(3.0) * (math.sqrt(2.0) / math.sqrt(fan_in))
        vals = uniform_replay(g, n, -bound, bound)
        return vals, g.draws, g.random64() % (1 << 63), ('bound', bound), 'uniform'
    std = arg if kind == 'normal' else math.sqrt(2.0) / math.sqrt(fan_in)
    if n >= 16:
        vals = avx2_normal.Model(avx2_normal.ALL_SITES).normal_(g, n, 0.0, std)
        path = 'avx2_box_muller'
    else:
        vals = ScalarNormal(g).fill(n, 0.0, std)
        path = 'scalar_box_muller'
    return vals, g.draws, g.random64() % (1 << 63), ('std', std), path


CASES = [
    ('xavier_uniform_3x5', 'xavier_uniform', (3, 5), None),
    ('xavier_uniform_10x7', 'xavier_uniform', (10, 7), None),
    ('xavier_uniform_256x784', 'xavier_uniform', (256, 784), None),
    ('normal_std1_3x5', 'normal', (3, 5), 1.0),
    ('normal_std1_10x7', 'normal', (10, 7), 1.0),
    ('normal_std1_16x1', 'normal', (16, 1), 1.0),
    ('normal_std1_256x784', 'normal', (256, 784), 1.0),
    ('normal_std0.01_3x5', 'normal', (3, 5), 0.01),
    ('normal_std0.01_10x7', 'normal', (10, 7), 0.01),
    ('normal_std0.01_16x1', 'normal', (16, 1), 0.01),
    ('normal_std0.01_256x784', 'normal', (256, 784), 0.01),
    ('kaiming_uniform_relu_10x7', 'kaiming_uniform', (10, 7), None),
    ('kaiming_normal_relu_10x7', 'kaiming_normal', (10, 7), None),
]


def cache_facts():
    """what the scalar path's cached sine does across calls, asserted; returns the two tensors of
    normal_(3,5) twice in a row"""
    def draw(*shapes):
        out = []
        for s in shapes:
            w = torch.empty(s)
            torch.nn.init.normal_(w)
            out.append(w.numpy().reshape(-1).copy())
        return out

    torch.manual_seed(SEED)
    first, second = draw((3, 5), (3, 5))
    g = ScalarNormal(T.MT19937(SEED))
    assert np.array_equal(first, g.fill(15, 0.0, 1.0)) and np.array_equal(second, g.fill(15, 0.0, 1.0))
    assert g.cache is None                  # 30 values = 15 pairs: the second call used the cached sine first
    # manual_seed clears the cache
    torch.manual_seed(SEED)
    draw((3, 5))
    torch.manual_seed(SEED)
    again, = draw((3, 5))
    assert np.array_equal(again, first)
    # the AVX2 path (>= 16 elements) neither uses nor clears the cache
    torch.manual_seed(SEED)
    a, b, c = draw((3, 5), (16,), (3, 5))
    g = T.MT19937(SEED)
    sn = ScalarNormal(g)
    assert np.array_equal(a, sn.fill(15, 0.0, 1.0))
    assert np.array_equal(b, avx2_normal.Model(avx2_normal.ALL_SITES).normal_(g, 16, 0.0, 1.0))
    assert np.array_equal(c, sn.fill(15, 0.0, 1.0))
    return first, second, c


def main():
    notes = [
        'Each case: torch.manual_seed(777); w = torch.empty(shape) (float32); then the call, e.g.',
        '  torch.nn.init.xavier_uniform_(w) | normal_(w, mean=0.0, std=S) | kaiming_uniform_(w, nonlinearity="relu")',
        '  | kaiming_normal_(w, nonlinearity="relu")   (mode fan_in; fan_in = shape[1], fan_out = shape[0])',
        'Keys per case <c>:',
        '  <c>.shape; <c>.path: uniform | scalar_box_muller (normal_ on < 16 elements) | avx2_box_muller (>= 16);',
        '  <c>.bound.f64 / <c>.std.f64: the double torch computes (Java Double.parseDouble hex), .f32 its float;',
        '  <c>.draws: 32-bit outputs of the generator used (a random64 counts 2);',
        '  <c>.next: torch.empty((), dtype=torch.int64).random_() right after the call (shows the stream position);',
        '  <c>: every element (hex, row-major), for tensors of at most %d elements; larger tensors give' % FULL_LIMIT,
        '  <c>.head (first 64), <c>.tail (last 64), <c>.crc32 (java.util.zip.CRC32) and <c>.sha256 of all',
        '  elements as little-endian float32 bytes (ByteBuffer.order(LITTLE_ENDIAN).putFloat).',
        'All cases were replayed bit for bit in the script (see reference/README.md for the formulas).',
        'cache.*: the scalar path caches the sine of its last Box-Muller pair in the generator:',
        '  cache.first, cache.second = normal_ on (3,5) twice after one manual_seed(777): the second tensor starts',
        '  with the cached value of the first; manual_seed clears the cache (checked);',
        '  cache.after_avx2 = normal_(3,5), normal_(16 elements), normal_(3,5): the third, which still starts with',
        '  the sine cached by the first (the AVX2 path neither uses nor clears the cache).',
    ]
    with T.Trace('initialisers.txt', 'initialisers.py', 'torch.nn.init initialisers after manual_seed(777)',
                 notes) as tr:
        for name, kind, shape, arg in CASES:
            got, nxt = torch_case(kind, shape, arg)
            want, draws, want_next, (pname, pval), path = replay_case(kind, shape, arg)
            assert np.array_equal(got, want), name
            assert nxt == want_next, name
            tr.comment('%s: %s on %s, %s = %r' % (name, kind, shape, pname, pval))
            tr.line(name + '.shape', *shape)
            tr.line(name + '.path', path)
            tr.line('%s.%s.f64' % (name, pname), float(pval).hex())
            tr.line('%s.%s.f32' % (name, pname), T.hexf(T.f32(pval)))
            tr.line(name + '.draws', draws)
            tr.line(name + '.next', nxt)
            if got.size <= FULL_LIMIT:
                tr.floats(name, got)
            else:
                tr.floats(name + '.head', got[:64])
                tr.floats(name + '.tail', got[-64:])
                tr.line(name + '.count', got.size)
                tr.checksums(name, got)
            print('%-26s %-17s %6d elements, %7d draws, bit-identical to the replay' % (name, path, got.size, draws))
        first, second, after = cache_facts()
        tr.floats('cache.first', first)
        tr.floats('cache.second', second)
        tr.floats('cache.after_avx2', after)


if __name__ == '__main__':
    main()
