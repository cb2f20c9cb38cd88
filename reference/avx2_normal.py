"""A numpy float32 model of torch 1.13's AVX2 `normal_` kernel (ATen/native/cpu/DistributionTemplates.h
normal_fill_16_AVX2, with log256_ps and sincos256_ps from ATen/native/cpu/avx_mathfun.h), used to find out
which of the kernel's multiply-adds GCC fused, by comparing against torch bit for bit.

Every `a * b + c` of the C source is written as mad(a, b, c, key): one rounding (fma) when `key` is in the
set of fused sites, two roundings otherwise. The sites are named after the source lines. With every site
fused (ALL_SITES) the model equals torch bit for bit; avx2_normal_sites.py shows which sites the data can
tell apart (README.md, "normal_").
"""
import numpy as np

import tracelib as T

F = np.float32


def c(v):
    return F(v)


# avx_mathfun.h constants (float32, as the _PS256_CONST macros round them)
SQRTHF = c(0.707106781186547524)
LOG_P = [c(v) for v in (7.0376836292E-2, -1.1514610310E-1, 1.1676998740E-1, -1.2420140846E-1, 1.4249322787E-1,
                        -1.6668057665E-1, 2.0000714765E-1, -2.4999993993E-1, 3.3333331174E-1)]
LOG_Q1, LOG_Q2 = c(-2.12194440e-4), c(0.693359375)
DP1, DP2, DP3 = c(-0.78515625), c(-2.4187564849853515625e-4), c(-3.77489497744594108e-8)
SIN_P = [c(-1.9515295891E-4), c(8.3321608736E-3), c(-1.6666654611E-1)]
COS_P = [c(2.443315711809948E-005), c(-1.388731625493765E-003), c(4.166664568298827E-002)]
FOPI = c(1.27323954473516)
TWO_PI = c(2.0 * 3.141592653589793)        # _mm256_set1_ps(2.0f * c10::pi<double>): double product, then float


def mul(a, b):
    return (np.asarray(a, F) * np.asarray(b, F)).astype(F)


def add(a, b):
    return (np.asarray(a, F) + np.asarray(b, F)).astype(F)


def sub(a, b):
    return (np.asarray(a, F) - np.asarray(b, F)).astype(F)


class Model:
    def __init__(self, fused):
        self.fused = set(fused)

    def mad(self, a, b, addend, key):
        """a * b + addend, fused if key is a fused site"""
        if key in self.fused:
            return T.fma_f32(a, b, addend)
        return add(mul(a, b), addend)

    def log(self, x):
        x = np.asarray(x, F)
        bits = np.maximum(x, F(np.finfo(F).tiny)).view(np.int32)
        e = ((bits >> 23) - 0x7f).astype(F) + F(1)
        m = ((bits & ~0x7f800000) | F(0.5).view(np.int32)).view(F)      # mantissa in [0.5, 1)
        mask = m < SQRTHF
        e = sub(e, np.where(mask, F(1), F(0)))
        m = add(sub(m, F(1)), np.where(mask, m, F(0)))                   # exact
        z = mul(m, m)
        y = LOG_P[0]
        for k, p in enumerate(LOG_P[1:], 1):
            y = self.mad(y, m, p, 'log_poly%d' % k)                       # y = y * x + p_k
        y = mul(y, m)
        if 'log_yz_plus_eq1' in self.fused:                             # y = y * z + (e * q1)
            y = T.fma_f32(y, z, mul(e, LOG_Q1))
        elif 'log_eq1_plus_yz' in self.fused:                           # y = e * q1 + (y * z)
            y = T.fma_f32(e, LOG_Q1, mul(y, z))
        else:
            y = add(mul(y, z), mul(e, LOG_Q1))
        y = sub(y, mul(z, F(0.5)))                                      # z * 0.5 is exact: fused or not
        x = add(m, y)
        x = self.mad(e, LOG_Q2, x, 'log_eq2')                           # e * q2 exact: fused or not
        return x

    def sincos(self, x):
        x = np.asarray(x, F)
        sign_sin = np.signbit(x)
        x = np.abs(x)
        y = mul(x, FOPI)
        j = y.astype(np.int32)                                          # cvttps: truncation
        j = (j + 1) & ~1
        y = j.astype(F)
        swap_sin = (j & 4) != 0
        poly_sin = (j & 2) != 0                                         # poly_mask == 0 where (j & 2) != 0
        x = self.mad(y, DP1, x, 'dp1')
        x = self.mad(y, DP2, x, 'dp2')
        x = self.mad(y, DP3, x, 'dp3')
        sign_cos = ((j - 2) & 4) == 0                                   # andnot(j - 2, 4) << 29
        sign_sin = sign_sin ^ swap_sin
        z = mul(x, x)
        yc = self.mad(COS_P[0], z, COS_P[1], 'cos_poly1')
        yc = self.mad(yc, z, COS_P[2], 'cos_poly2')
        yc = mul(yc, z)
        if 'cos_yz_minus_half_z' in self.fused:
            yc = T.fma_f32(yc, z, -mul(z, F(0.5)))
        else:
            yc = sub(mul(yc, z), mul(z, F(0.5)))
        yc = add(yc, F(1))
        ys = self.mad(SIN_P[0], z, SIN_P[1], 'sin_poly1')
        ys = self.mad(ys, z, SIN_P[2], 'sin_poly2')
        ys = mul(ys, z)
        ys = self.mad(ys, x, x, 'sin_yx_plus_x')
        s = np.where(poly_sin, yc, ys)
        cc = np.where(poly_sin, ys, yc)
        s = np.where(sign_sin, -s, s)
        cc = np.where(sign_cos, -cc, cc)
        return s.astype(F), cc.astype(F)

    def fill16(self, lo, hi, mean, std):
        """normal_fill_16_AVX2 on blocks of 16 uniforms in [0, 1): lo = their first 8, hi = their last 8
        (arrays of any shape, lanes are independent); returns the new (lo, hi)"""
        u1 = sub(F(1), lo)
        radius = np.sqrt(mul(F(-2), self.log(u1))).astype(F)
        theta = mul(TWO_PI, hi)
        s, cs = self.sincos(theta)
        n1 = mul(radius, cs)
        n2 = mul(radius, s)
        return T.fma_f32(n1, std, mean), T.fma_f32(n2, std, mean)   # explicit _mm256_fmadd_ps

    def normal_(self, gen, n, mean, std):
        """torch.Tensor.normal_(mean, std) on n >= 16 contiguous float32 elements, drawing from gen"""
        assert n >= 16
        d = np.array([(gen.random32() & 0xFFFFFF) * 2.0 ** -24 for _ in range(n)], dtype=F)
        mean, std = F(mean), F(std)
        full = n // 16 * 16
        blocks = d[:full].reshape(-1, 16)
        lo, hi = self.fill16(blocks[:, :8], blocks[:, 8:], mean, std)
        d[:full] = np.concatenate([lo, hi], axis=1).reshape(-1)
        if n % 16:                                # the last 16 elements get 16 fresh uniforms, then again
            tail = np.array([(gen.random32() & 0xFFFFFF) * 2.0 ** -24 for _ in range(16)], dtype=F)
            lo, hi = self.fill16(tail[:8], tail[8:], mean, std)
            d[n - 16:] = np.concatenate([lo, hi])
        return d


ALL_SITES = (['log_poly%d' % k for k in range(1, 9)] + ['log_yz_plus_eq1', 'log_eq2', 'dp1', 'dp2', 'dp3',
             'cos_poly1', 'cos_poly2', 'cos_yz_minus_half_z', 'sin_poly1', 'sin_poly2', 'sin_yx_plus_x'])
