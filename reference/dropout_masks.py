"""Trace 5: nn.Dropout(p) masks in training mode, and how their draws interleave with nn.Linear construction and
a shuffled DataLoader on the one global generator. Every output is replayed in Python and asserted equal:
  mask: one random64 per element in memory order, keep when (random64 & (2^53 - 1)) * 2^-53 < 1 - p (double);
  noise = keep ? 1.0f / (float) (1 - p) : 0 (float32 division); output = input * noise (float32 product).

Writes examples/src/test/resources/reference/dropout.txt.
"""
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

import tracelib as T

SEED = 777


def replay_dropout(gen, x, p):
    """x: float32 array; returns the dropout output"""
    x = np.asarray(x, np.float32)
    keep = np.array([(gen.random64() & ((1 << 53) - 1)) * 2.0 ** -53 < 1.0 - p for _ in range(x.size)])
    scale = np.float32(np.float32(1.0) / np.float32(1.0 - p))
    noise = np.where(keep.reshape(x.shape), scale, np.float32(0))
    return (x * noise).astype(np.float32)


def next_int64():
    return int(torch.empty((), dtype=torch.int64).random_().item())


def main():
    notes = [
        'd = torch.nn.Dropout(p); d.train(); outputs of d(x), hex, row-major.',
        'Keys:',
        '  ones.p<p>.call<k>: torch.manual_seed(777), then three calls d(torch.ones(4, 10)) in sequence (k = 0, 1, 2);',
        '    kept elements are 1.0f / (float) (1 - p): p 0.5 -> 2.0, p 0.2 -> 0x1.4p+0 (1.25).',
        '  scaled.input / scaled.p0.2.out: one call on a non-constant input (written), after manual_seed(777):',
        '    out = x * noise with noise = 1.0f / 0.8f = 1.25f, not x / 0.8f (the two differ on some elements).',
        '  mixed.*: torch.manual_seed(777); nn.Linear(2, 4); loader = DataLoader(TensorDataset(torch.arange(10)),',
        '    batch_size=4, shuffle=True); for b in loader: on the first batch only, out = d(torch.ones(4, 10)) with',
        '    p 0.5; after the epoch, a second call. mixed.order = the epoch order, mixed.first / mixed.second the',
        '    two outputs. mixed.draw <what> <first 32-bit output index> <count>: the draws in the order they',
        '    happened, as replayed (and asserted) in the script; indices count 32-bit outputs from 0.',
        '  nodraw <case> <int64>: cases that take nothing from the generator; the int64 is the next',
        '    torch.empty((), dtype=torch.int64).random_() after manual_seed(777) and the case (== fresh.next).',
        'Every output was replayed bit for bit: one random64 per element, keep when',
        '(random64 & (2^53 - 1)) * 2^-53 < 1 - p in double (bernoulli_(1 - p) without MKL); see reference/README.md.',
    ]
    with T.Trace('dropout.txt', 'dropout_masks.py', 'nn.Dropout masks (training mode) after manual_seed(777)',
                 notes) as tr:
        for p in (0.5, 0.2):
            torch.manual_seed(SEED)
            d = torch.nn.Dropout(p)
            d.train()
            g = T.MT19937(SEED)
            for k in range(3):
                out = d(torch.ones(4, 10)).numpy()
                assert np.array_equal(out, replay_dropout(g, np.ones((4, 10)), p)), (p, k)
                tr.floats('ones.p%s.call%d' % (p, k), out)
                print('p %s call %d: kept %d of 40' % (p, k, int((out != 0).sum())))
            assert next_int64() == g.random64() % (1 << 63)

        # a non-constant input: shows the multiplication by the float noise
        torch.manual_seed(12345)
        x = torch.randn(4, 10) * 3
        torch.manual_seed(SEED)
        d = torch.nn.Dropout(0.2)
        out = d(x).numpy()
        want = replay_dropout(T.MT19937(SEED), x.numpy(), 0.2)
        assert np.array_equal(out, want)
        divided = np.where(out != 0, (x.numpy() / np.float32(0.8)).astype(np.float32), np.float32(0))
        tr.floats('scaled.input', x)
        tr.floats('scaled.p0.2.out', out)
        tr.comment('scaled: %d of %d kept elements differ between x * 1.25f and x / 0.8f'
                   % (int(((out != divided) & (out != 0)).sum()), int((out != 0).sum())))

        # interleaving with layers and a loader
        torch.manual_seed(SEED)
        torch.nn.Linear(2, 4)
        d = torch.nn.Dropout(0.5)
        loader = DataLoader(TensorDataset(torch.arange(10)), batch_size=4, shuffle=True)
        order, first = [], None
        for (b,) in loader:
            order += b.tolist()
            if first is None:
                first = d(torch.ones(4, 10)).numpy()
        second = d(torch.ones(4, 10)).numpy()
        nxt = next_int64()
        g = T.MT19937(SEED)
        log = []

        def mark(what, fn):
            start = g.draws
            r = fn()
            log.append((what, start, g.draws - start))
            return r

        mark('linear_2x4_weight_and_bias', lambda: [g.random32() for _ in range(T.linear_draws(2, 4))])
        mark('loader_base_seed', g.random64)
        sampler_seed = mark('loader_sampler_seed', g.random64) % (1 << 63)
        want_first = mark('dropout_first_call', lambda: replay_dropout(g, np.ones((4, 10)), 0.5))
        want_second = mark('dropout_second_call', lambda: replay_dropout(g, np.ones((4, 10)), 0.5))
        assert order == T.randperm(T.MT19937(sampler_seed), 10)
        assert np.array_equal(first, want_first) and np.array_equal(second, want_second)
        assert nxt == g.random64() % (1 << 63)
        tr.ints('mixed.order', order)
        tr.floats('mixed.first', first)
        tr.floats('mixed.second', second)
        for what, start, count in log:
            tr.line('mixed.draw', what, start, count)

        # what takes nothing from the generator
        torch.manual_seed(SEED)
        fresh = next_int64()
        tr.line('fresh.next', fresh)
        cases = {
            'p0_train': lambda: torch.nn.Dropout(0.0).train()(torch.ones(4, 10)),
            'p0.5_eval': lambda: torch.nn.Dropout(0.5).eval()(torch.ones(4, 10)),
            'p1_train': lambda: torch.nn.Dropout(1.0).train()(torch.ones(4, 10)),
        }
        for name, fn in cases.items():
            torch.manual_seed(SEED)
            out = fn()
            nxt = next_int64()
            assert nxt == fresh, name
            tr.line('nodraw', name, nxt)
            print('%s: no draw; output sum %s' % (name, float(out.sum())))


if __name__ == '__main__':
    main()
