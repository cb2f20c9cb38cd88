"""Trace 6: nn.BatchNorm1d(5) (momentum 0.1, eps 1e-5, affine, track_running_stats) on an 8 x 5 float32 batch:
train-mode outputs and running statistics after one and two calls, save_mean / save_invstd, the input and
parameter gradients for a fixed upstream gradient (default and non-default gamma / beta), eval-mode output on
another batch, and the exact error for a 1-row batch in training mode.

Writes examples/src/test/resources/reference/batchnorm1d.txt.
"""
import numpy as np
import torch

import tracelib as T

ROWS, FEATURES = 8, 5
F, D = np.float32, np.float64


class Replay:
    """BatchNorm1d on (rows, features) float32 input as torch 1.13 computes it on this build with one thread
    (the channels-last kernels of ATen/native/cpu/batch_norm_kernel.cpp: for a 2-D input image_size is 1):
      sum = 0f; for each row: sum += x          (float, rows in order)
      mean = (float) ((double) sum / rows)
      vs = 0f; for each row: vs = fma(x - mean, x - mean, vs)
      invstd = (float) (1 / sqrt((double) (vs / (float) rows) + 1e-5))
      alpha = invstd * w; beta = fma(-mean, alpha, b); y = fma(x, alpha, beta)
      running_mean = 0.1f * mean + 0.9f * running_mean                          (float, two products, a sum)
      running_var = (float) ((double) 0.1f * (double) (vs / (float) (rows - 1)) + (double) (0.9f * running_var))
    eval: invstd = 1f / sqrtf(running_var + 1e-5f) (all float), then alpha, beta, y as above with running_mean.
    backward (upstream g): sg = 0f; for each row: sg += g;  dp = 0f; for each row: dp = fma(x - mean, g, dp)
      dgamma = dp * invstd; dbeta = sg; k = ((dp * invstd) * invstd) / (float) rows; gm = sg / (float) rows
      dx = (fma(-(x - mean), k, g - gm) * invstd) * w
    """

    def __init__(self, features, weight=None, bias=None):
        self.w = np.ones(features, F) if weight is None else np.asarray(weight, F)
        self.b = np.zeros(features, F) if bias is None else np.asarray(bias, F)
        self.rm = np.zeros(features, F)
        self.rv = np.ones(features, F)

    def stats(self, x):
        rows = x.shape[0]
        s = np.zeros(x.shape[1], F)
        for r in x:
            s = (s + r).astype(F)
        mean = (s.astype(D) / rows).astype(F)
        vs = np.zeros(x.shape[1], F)
        for r in x:
            d = (r - mean).astype(F)
            vs = T.fma_f32(d, d, vs)
        invstd = (1.0 / np.sqrt((vs / F(rows)).astype(F).astype(D) + 1e-5)).astype(F)
        return mean, vs, invstd

    def apply(self, x, mean, invstd):
        alpha = (invstd * self.w).astype(F)
        beta = T.fma_f32(-mean, alpha, self.b)
        return T.fma_f32(x, alpha, beta)

    def train(self, x):
        x = np.asarray(x, F)
        mean, vs, invstd = self.stats(x)
        rows = x.shape[0]
        self.rm = ((F(0.1) * mean).astype(F) + (F(0.9) * self.rm).astype(F)).astype(F)
        unbiased = (vs / F(rows - 1)).astype(F)
        self.rv = (D(F(0.1)) * unbiased.astype(D) + (F(0.9) * self.rv).astype(F).astype(D)).astype(F)
        return self.apply(x, mean, invstd), mean, invstd

    def eval(self, x):
        invstd = (F(1) / np.sqrt((self.rv + F(1e-5)).astype(F))).astype(F)
        return self.apply(np.asarray(x, F), self.rm, invstd)

    def backward(self, x, g):
        x, g = np.asarray(x, F), np.asarray(g, F)
        mean, _, invstd = self.stats(x)
        rows = x.shape[0]
        sg = np.zeros(x.shape[1], F)
        dp = np.zeros(x.shape[1], F)
        for r, gr in zip(x, g):
            sg = (sg + gr).astype(F)
            dp = T.fma_f32((r - mean).astype(F), gr, dp)
        k = ((((dp * invstd).astype(F)) * invstd).astype(F) / F(rows)).astype(F)
        gm = (sg / F(rows)).astype(F)
        t = T.fma_f32(-(x - mean).astype(F), k, (g - gm).astype(F))
        dx = ((t * invstd).astype(F) * self.w).astype(F)
        return dx, (dp * invstd).astype(F), sg


def check_random_shapes(trials=150):
    """the Replay against torch on random batches (rows 2..39, features 1..19): every quantity bit for bit"""
    rng = np.random.default_rng(7)
    for _ in range(trials):
        c, n = int(rng.integers(1, 20)), int(rng.integers(2, 40))
        x = (rng.standard_normal((n, c)) * rng.uniform(0.01, 10, c) + rng.uniform(-5, 5, c)).astype(F)
        g = rng.standard_normal((n, c)).astype(F)
        w, b = rng.standard_normal(c).astype(F), rng.standard_normal(c).astype(F)
        bn = torch.nn.BatchNorm1d(c)
        with torch.no_grad():
            bn.weight.copy_(torch.from_numpy(w))
            bn.bias.copy_(torch.from_numpy(b))
        rep = Replay(c, w, b)
        xt = torch.from_numpy(x.copy()).requires_grad_(True)
        y = bn(xt)
        (y * torch.from_numpy(g)).sum().backward()
        want_y, _, _ = rep.train(x)
        dx, dw, db = rep.backward(x, g)
        assert np.array_equal(want_y, y.detach().numpy())
        assert np.array_equal(dx, xt.grad.numpy()) and np.array_equal(dw, bn.weight.grad.numpy())
        assert np.array_equal(db, bn.bias.grad.numpy())
        with torch.no_grad():
            bn(torch.from_numpy(x))
        rep.train(x)
        assert np.array_equal(rep.rm, bn.running_mean.numpy()) and np.array_equal(rep.rv, bn.running_var.numpy())
        bn.eval()
        with torch.no_grad():
            assert np.array_equal(rep.eval(x), bn(torch.from_numpy(x)).numpy())
    return trials


def inputs():
    """fixed float32 tensors, drawn once from seeded randn (the values are written to the trace, so nothing
    downstream depends on how they were drawn)"""
    torch.manual_seed(2024)
    x = torch.randn(ROWS, FEATURES) * torch.tensor([1.0, 2.0, 0.5, 10.0, 0.01]) + torch.tensor([0.0, 1.0, -3.0, 50.0, 0.2])
    g = torch.randn(ROWS, FEATURES)
    x_eval = torch.randn(ROWS, FEATURES) * 2.0
    gamma = torch.tensor([1.5, -0.5, 0.25, 2.0, 1.0])
    beta = torch.tensor([0.1, -0.2, 0.0, 3.0, -1.0])
    return x, g, x_eval, gamma, beta


def grads(bn, x, g):
    xr = x.clone().requires_grad_(True)
    y = bn(xr)
    (y * g).sum().backward()
    return y.detach(), xr.grad, bn.weight.grad, bn.bias.grad


def error_text(fn):
    try:
        fn()
    except Exception as e:                      # the exact type and text are the point
        return type(e).__name__, str(e)
    raise AssertionError('no error')


def threads_matter():
    """the per-thread partial sums: the same batch with 1 and 2 threads (printed, not recorded)"""
    torch.manual_seed(3)
    x = torch.randn(64, 7) * 3 + 1
    means = []
    for threads in (1, 2):
        torch.set_num_threads(threads)
        means.append(torch.native_batch_norm(x, None, None, None, None, True, 0.1, 1e-5)[1])
    torch.set_num_threads(1)
    print('64 x 7 batch, mean with 1 vs 2 threads: max difference %g' % (means[0] - means[1]).abs().max().item())


def main():
    print('replay == torch on %d random batches' % check_random_shapes())
    threads_matter()
    x, g, x_eval, gamma, beta = inputs()
    notes = [
        'bn = torch.nn.BatchNorm1d(5) (momentum 0.1, eps 1e-5, weight = 1, bias = 0 at construction,',
        'running_mean = 0, running_var = 1); rows x features = 8 x 5, all tensors row-major, hex.',
        'Keys:',
        '  x, upstream (the fixed upstream gradient dL/dy), x_eval, gamma, beta: the inputs used.',
        '  train1.out = bn(x) in train mode (first call); train1.running_mean / running_var /',
        '    num_batches_tracked after it; train1.save_mean / train1.save_invstd: what',
        '    torch.native_batch_norm returns for that call (mean, 1 / sqrt(biased var + eps)).',
        '  train2.*: the same after a second train-mode call bn(x) on the same x (running stats updated twice:',
        '    r = (1 - momentum) * r + momentum * stat, running_var takes the unbiased variance).',
        '  eval.out = bn(x_eval) after bn.eval() (uses the running stats after the two calls).',
        '  grad_default.*: fresh BatchNorm1d(5), train mode, y = bn(x), (y * upstream).sum().backward():',
        '    .out (y), .x (dL/dx), .weight (dL/dgamma), .bias (dL/dbeta).',
        '  grad_affine.*: the same with bn.weight = gamma, bn.bias = beta set before the call.',
        '  error <case> <Python exception type> <message>: the rest of the line after the type is the exact',
        '    str(exception).',
        'Every value was replayed bit for bit in the script (batchnorm1d.py Replay: float sums in row order,',
        'fused multiply-adds where the kernels have them; see reference/README.md), and so were 150 random',
        'batches. Recorded with torch.get_num_threads() = 1: the kernels sum per thread, so more threads can',
        'change the last bits of mean, variance and gradients.',
    ]
    with T.Trace('batchnorm1d.txt', 'batchnorm1d.py', 'nn.BatchNorm1d(5) on an 8 x 5 batch', notes) as tr:
        tr.line('shape', ROWS, FEATURES)
        tr.line('momentum', '0.1')
        tr.line('eps', '1e-05')
        for name, t in (('x', x), ('upstream', g), ('x_eval', x_eval), ('gamma', gamma), ('beta', beta)):
            tr.floats(name, t)

        bn = torch.nn.BatchNorm1d(FEATURES)
        bn.train()
        rep = Replay(FEATURES)
        for call in (1, 2):
            with torch.no_grad():
                out = bn(x)
            want, want_mean, want_invstd = rep.train(x.numpy())
            assert np.array_equal(want, out.numpy())
            assert np.array_equal(rep.rm, bn.running_mean.numpy()) and np.array_equal(rep.rv, bn.running_var.numpy())
            tr.floats('train%d.out' % call, out)
            tr.floats('train%d.running_mean' % call, bn.running_mean)
            tr.floats('train%d.running_var' % call, bn.running_var)
            tr.line('train%d.num_batches_tracked' % call, int(bn.num_batches_tracked))
            _, save_mean, save_invstd = torch.native_batch_norm(
                x, bn.weight.detach(), bn.bias.detach(), None, None, True, 0.1, 1e-5)
            assert np.array_equal(want_mean, save_mean.numpy()) and np.array_equal(want_invstd, save_invstd.numpy())
            tr.floats('train%d.save_mean' % call, save_mean)
            tr.floats('train%d.save_invstd' % call, save_invstd)
        bn.eval()
        with torch.no_grad():
            out = bn(x_eval)
        assert np.array_equal(rep.eval(x_eval.numpy()), out.numpy())
        tr.floats('eval.out', out)

        for case, affine in (('grad_default', None), ('grad_affine', (gamma, beta))):
            bn = torch.nn.BatchNorm1d(FEATURES)
            if affine:
                with torch.no_grad():
                    bn.weight.copy_(affine[0])
                    bn.bias.copy_(affine[1])
            bn.train()
            y, dx, dgamma, dbeta = grads(bn, x, g)
            rep = Replay(FEATURES, *(a.numpy() for a in affine)) if affine else Replay(FEATURES)
            want_dx, want_dgamma, want_dbeta = rep.backward(x.numpy(), g.numpy())
            assert np.array_equal(rep.train(x.numpy())[0], y.numpy())
            assert np.array_equal(want_dx, dx.numpy()) and np.array_equal(want_dgamma, dgamma.numpy())
            assert np.array_equal(want_dbeta, dbeta.numpy())
            tr.floats(case + '.out', y)
            tr.floats(case + '.x', dx)
            tr.floats(case + '.weight', dgamma)
            tr.floats(case + '.bias', dbeta)

        errors = [
            ('one_row_train', lambda: torch.nn.BatchNorm1d(FEATURES).train()(torch.ones(1, FEATURES))),
            ('wrong_features', lambda: torch.nn.BatchNorm1d(FEATURES).train()(torch.ones(4, 3))),
        ]
        for name, fn in errors:
            kind, text = error_text(fn)
            assert '\n' not in text
            tr.lines.append('error %s %s %s' % (name, kind, text))
            print('error', name, kind, repr(text))
        one = torch.nn.BatchNorm1d(FEATURES).eval()(torch.ones(1, FEATURES))
        tr.comment('a 1-row batch in eval mode is fine: (1 - 0) / sqrt(1 + 1e-5) per feature')
        tr.floats('eval_one_row.out', one.detach())


if __name__ == '__main__':
    main()
