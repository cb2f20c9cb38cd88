"""Shared helpers of the reference scripts: the trace file format, float32 hex, the machine header, the data
sets, and a pure-Python model of PyTorch 1.13's CPU generator (MT19937) used to check the recorded streams.

Trace format (plain text, UTF-8, '\n'):
  - a line starting with '#' is a comment;
  - every other line is `key value value ...`, single spaces, no quoting;
  - a key may repeat: its lines are kept in order. An array is the concatenation of its lines' values (long
    arrays are written 8 floats or 16 ints per line); a record key (e.g. `step`) has one record per line.
  - floats are float32 values written as C99/Java hex floats (`-0x1.2eb9c4p-1`, `0x0.0p+0`), which
    `Float.parseFloat` reads exactly; where a decimal is given too it is the shortest decimal that reads
    back as the same float32 (numpy's float32 repr), never the only copy.
"""
import hashlib
import os
import re
import struct
import subprocess
import sys
import zlib

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESOURCES = os.path.join(ROOT, 'examples', 'src', 'test', 'resources', 'reference')
DATA = os.path.join(ROOT, 'data', 'sklearn')


# ---------------------------------------------------------------------------------------------- float32 text

def f32(v):
    """v rounded to float32, as a Python float holding exactly that float32 value"""
    return float(np.float32(v))


def hexf(v):
    """the float32 value of v as a hex float; v must already be a float32 value (checked), not a double"""
    x = np.float32(v)
    if isinstance(v, float) and float(x) != v and v == v:
        raise ValueError('%r is not a float32 value' % v)
    x = float(x)
    if x != x:
        return 'NaN'
    if x in (float('inf'), float('-inf')):
        return 'Infinity' if x > 0 else '-Infinity'
    h = x.hex()                                   # e.g. -0x1.2eb9c40000000p-1 (exact: float32 -> double)
    m = re.fullmatch(r'(-?0x[01])\.([0-9a-f]+)(p[+-]\d+)', h)
    frac = m.group(2).rstrip('0') or '0'
    return '%s.%s%s' % (m.group(1), frac, m.group(3))


def decf(v):
    """shortest decimal that reads back as the same float32"""
    return str(np.float32(v))


def as_f32_list(t):
    """a tensor / array flattened in memory (row-major) order, as a list of float32 values"""
    if isinstance(t, torch.Tensor):
        t = t.detach().contiguous().numpy()
    a = np.ascontiguousarray(t, dtype=np.float32).reshape(-1)
    return a


def f32_bytes(values):
    return np.asarray(values, dtype='<f4').tobytes()


def fma_f32(a, b, c):
    """float32 fused multiply-add a*b + c rounded once (Java Math.fma on floats), elementwise on arrays.
    a*b is exact in double; s = RN64(a*b + c) with its exact error e (TwoSum); RN32(s) is the answer unless
    s is exactly halfway between two float32 values, where the sign of e decides."""
    a, b, c = (np.asarray(v, np.float32).astype(np.float64) for v in (a, b, c))
    p = a * b
    s = p + c
    bv = s - p
    e = (p - (s - bv)) + (c - bv)
    r = s.astype(np.float32)
    toward = np.nextafter(r, np.where(s > r.astype(np.float64), np.float32(np.inf), np.float32(-np.inf)))
    mid = (r.astype(np.float64) + toward.astype(np.float64)) / 2 == s
    fix = mid & (e != 0) & (np.sign(e) == np.sign(toward.astype(np.float64) - r.astype(np.float64)))
    return np.where(fix, toward, r).astype(np.float32)


# ---------------------------------------------------------------------------------------------- the writer

def _torch_package():
    try:
        return subprocess.run(['dpkg-query', '-W', '-f=${Version}', 'python3-torch'],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return '?'


def _cpu_model():
    try:
        out = subprocess.run(['lscpu'], capture_output=True, text=True, check=True).stdout
        m = re.search(r'^Model name:\s*(.+)$', out, re.M)
        flags = re.search(r'^Flags:\s*(.+)$', out, re.M)
        fl = set(flags.group(1).split()) if flags else set()
        return m.group(1).strip() if m else '?', ' '.join(f for f in ('avx2', 'fma', 'avx512f') if f in fl)
    except (OSError, subprocess.CalledProcessError):
        return '?', ''


def _capability():
    m = re.search(r'CPU capability usage: (\S+)', torch.__config__.show())
    return m.group(1) if m else '?'


def machine_lines():
    cpu, flags = _cpu_model()
    return ['torch %s (Debian python3-torch %s), CPU, float32, torch.get_num_threads() = %d'
            % (torch.__version__, _torch_package(), torch.get_num_threads()),
            'ATen CPU capability %s (ATEN_CPU_CAPABILITY=%s); MKL %s' % (
                _capability(), os.environ.get('ATEN_CPU_CAPABILITY', 'unset'),
                'present' if torch.backends.mkl.is_available() else 'absent'),
            'cpu (lscpu model name) %s; flags %s' % (cpu, flags),
            'python %s, numpy %s' % (sys.version.split()[0], np.__version__)]


FORMAT_LINES = [
    'format: "# ..." comment; otherwise "key value value ..." (single spaces). A key may repeat: its lines',
    'stay in order; an array is the concatenation of its lines, a record key has one record per line.',
    'Floats are float32 as hex floats (Java Float.parseFloat reads them exactly); decimals, where given, are',
    'the shortest decimal of the same float32. Flat float arrays are row-major (torch memory order).',
]


class Trace:
    """one trace file; call close() (or use `with`) to write it"""

    def __init__(self, name, script, title, notes=()):
        torch.set_num_threads(1)
        self.path = os.path.join(RESOURCES, name)
        self.lines = []
        self.comment(title)
        self.comment('written by reference/%s (run: /usr/bin/python3 reference/%s)' % (script, script))
        for l in machine_lines():
            self.comment(l)
        for l in FORMAT_LINES:
            self.comment(l)
        for l in notes:
            self.comment(l)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.close()

    def comment(self, text=''):
        for l in str(text).split('\n'):
            self.lines.append(('# ' + l).rstrip())

    def line(self, key, *values):
        assert ' ' not in key and key and not key.startswith('#'), key
        toks = [str(v) for v in values]
        assert all(t and ' ' not in t for t in toks), (key, toks)
        self.lines.append(' '.join([key] + toks))

    def floats(self, key, values, per_line=8, checksum=False):
        """an array of float32 values (hex), 8 per line; with checksum, also key.crc32 and key.sha256
        of the little-endian float32 bytes"""
        vals = as_f32_list(values)
        hx = [hexf(v) for v in vals]
        self.line(key + '.count', len(hx))
        for i in range(0, len(hx), per_line):
            self.line(key, *hx[i:i + per_line])
        if checksum:
            self.checksums(key, vals)

    def checksums(self, key, vals):
        b = f32_bytes(vals)
        self.line(key + '.crc32', '%08x' % (zlib.crc32(b) & 0xffffffff))
        self.line(key + '.sha256', hashlib.sha256(b).hexdigest())

    def ints(self, key, values, per_line=16):
        vals = [int(v) for v in values]
        self.line(key + '.count', len(vals))
        for i in range(0, len(vals), per_line):
            self.line(key, *vals[i:i + per_line])
        if not vals:
            self.line(key)

    def scalar(self, key, v):
        """one float32, hex then decimal"""
        self.line(key, hexf(v), decf(v))

    def close(self):
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        with open(self.path, 'w', encoding='utf-8', newline='\n') as f:
            f.write('\n'.join(self.lines) + '\n')
        print('wrote %s (%d lines, %d bytes)' % (os.path.relpath(self.path, ROOT), len(self.lines),
                                                 os.path.getsize(self.path)))


# ---------------------------------------------------------------------------------------------- data sets

def load_sklearn_csv(name):
    """(features float64 [n, f], labels int [n], class names) from one of data/sklearn/*.csv"""
    with open(os.path.join(DATA, name)) as f:
        head = f.readline().strip().split(',')
        n, nf, classes = int(head[0]), int(head[1]), head[2:]
        rows = [l.strip().split(',') for l in f if l.strip()]
    assert len(rows) == n and all(len(r) == nf + 1 for r in rows), name
    x = np.array([[float(v) for v in r[:nf]] for r in rows], dtype=np.float64)
    y = np.array([int(r[nf]) for r in rows], dtype=np.int64)
    return x, y, classes


def standardise(x):
    """column-wise (x - mean) / std in float64 (population std, ddof=0), then rounded to float32"""
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    return ((x - mean) / std).astype(np.float32), mean, std


# ---------------------------------------------------------------------------------------------- generator model

class MT19937:
    """PyTorch 1.13's CPU generator engine (ATen/core/MT19937RNGEngine.h): standard MT19937 seeded with the
    low 32 bits of the seed; random32 = one tempered output; random64 = (first << 32) | second."""

    def __init__(self, seed):
        self.mt = [0] * 624
        self.mt[0] = seed & 0xffffffff
        for i in range(1, 624):
            self.mt[i] = (1812433253 * (self.mt[i - 1] ^ (self.mt[i - 1] >> 30)) + i) & 0xffffffff
        self.idx = 624
        self.draws = 0            # 32-bit outputs taken so far

    def _twist(self):
        mt = self.mt
        for i in range(624):
            y = (mt[i] & 0x80000000) | (mt[(i + 1) % 624] & 0x7fffffff)
            mt[i] = mt[(i + 397) % 624] ^ (y >> 1) ^ (0x9908b0df if y & 1 else 0)
        self.idx = 0

    def random32(self):
        if self.idx >= 624:
            self._twist()
        y = self.mt[self.idx]
        self.idx += 1
        self.draws += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c5680
        y ^= (y << 15) & 0xefc60000
        y ^= y >> 18
        return y & 0xffffffff

    def random64(self):
        hi = self.random32()
        return (hi << 32) | self.random32()


def randperm(gen, n):
    """torch.randperm(n) on a CPU generator, torch 1.13 (TensorFactories.cpp randperm_cpu)"""
    r = list(range(n))
    for i in range(n - 1):
        z = gen.random32() % (n - i)
        r[i], r[i + z] = r[i + z], r[i]
    return r


def loader_epoch(gen, n, shuffle):
    """the draws one `for batch in DataLoader(...)` epoch makes on the global generator, and its order"""
    gen.random64()                                   # _BaseDataLoaderIter.__init__: _base_seed, always
    if not shuffle:
        return list(range(n))
    seed = gen.random64() % (1 << 63)                # RandomSampler.__iter__ on the first batch
    return randperm(MT19937(seed), n)                # torch.Generator().manual_seed(seed): low 32 bits


def linear_draws(fan_in, fan_out):
    """32-bit outputs nn.Linear(fan_in, fan_out) takes at construction: weight then bias, one per element"""
    return fan_in * fan_out + fan_out
