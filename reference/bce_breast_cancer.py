"""Trace 2: BCE training on breast_cancer.csv with a shuffled DataLoader, as chainrule's generated `fit` must
reproduce it: Linear(30,16) -> ReLU -> Linear(16,1) -> Sigmoid, torch.manual_seed(777), BCELoss, SGD(lr=0.1),
batch 64, 3 epochs, shuffle=True, drop_last False (one file) and True (another).

Writes examples/src/test/resources/reference/breast_cancer_standardised.txt (the float32 inputs and labels),
bce_breast_cancer_shuffle.txt and bce_breast_cancer_shuffle_drop_last.txt.
"""
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

import tracelib as T

SEED = 777
BATCH = 64
EPOCHS = 3
LR = 0.1


def data():
    x64, y, classes = T.load_sklearn_csv('breast_cancer.csv')
    x, mean, std = T.standardise(x64)
    return x, y.astype(np.float32).reshape(-1, 1), mean, std, classes


def write_data(x, y, mean, std, classes):
    notes = [
        'data/sklearn/breast_cancer.csv (569 rows, 30 features, label %s), features standardised column by' % (
            ' / '.join('%d = %s' % c for c in enumerate(classes))),
        'column in float64, (x - mean) / std with the population std (numpy x.std(axis=0), ddof=0), then',
        'rounded to float32. These float32 values are what the traces trained on: read them, do not recompute.',
        'Keys: rows, features; x (rows x features, row-major, hex); y (label as float32 0 or 1, hex);',
        'mean.f64 / std.f64: the float64 column statistics as Java double hex floats (Double.parseDouble).',
    ]
    with T.Trace('breast_cancer_standardised.txt', 'bce_breast_cancer.py',
                 'breast_cancer.csv standardised, float32', notes) as tr:
        tr.line('rows', x.shape[0])
        tr.line('features', x.shape[1])
        tr.floats('x', x, checksum=True)
        tr.floats('y', y, per_line=16, checksum=True)
        tr.line('mean.f64', *[float(v).hex() for v in mean])
        tr.line('std.f64', *[float(v).hex() for v in std])


def params(tr, prefix, named):
    """(name, tensor) pairs as <prefix>.<name>.shape and <prefix>.<name> lines"""
    for name, p in named:
        tr.line('%s.%s.shape' % (prefix, name), *p.shape)
        tr.floats('%s.%s' % (prefix, name), p)


def train(x, y, drop_last):
    """the training run; returns what the trace records, and checks the orders against the replay"""
    torch.manual_seed(SEED)
    model = torch.nn.Sequential(torch.nn.Linear(30, 16), torch.nn.ReLU(), torch.nn.Linear(16, 1), torch.nn.Sigmoid())
    init = {n: p.detach().clone() for n, p in model.named_parameters()}
    crit = torch.nn.BCELoss()
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    n = x.shape[0]
    # the row index rides along as a third tensor: it shows the order and changes no draw
    loader = DataLoader(TensorDataset(torch.from_numpy(x), torch.from_numpy(y), torch.arange(n)),
                        batch_size=BATCH, shuffle=True, drop_last=drop_last)
    steps, orders, epoch_params, grads0, sgd = [], [], [], None, None
    for epoch in range(EPOCHS):
        order = []
        for i, (xb, yb, idx) in enumerate(loader):
            order += idx.tolist()
            opt.zero_grad()
            cost = crit(model(xb), yb)
            cost.backward()
            if grads0 is None:
                grads0 = {n_: p.grad.detach().clone() for n_, p in model.named_parameters()}
                opt.step()
                sgd = check_sgd_fma(init, grads0, model)
            else:
                opt.step()
            steps.append((epoch, i, len(steps), xb.shape[0], cost.item()))
        orders.append(order)
        epoch_params.append({n_: p.detach().clone() for n_, p in model.named_parameters()})
    with torch.no_grad():
        p_all = model(torch.from_numpy(x))
        final_loss = crit(p_all, torch.from_numpy(y)).item()
        correct = int(((p_all > 0.5).float() == torch.from_numpy(y)).sum().item())
    # replay of the generator: 30*16+16 + 16+1 draws for the layers, then per epoch two int64 draws
    g = T.MT19937(SEED)
    for _ in range(T.linear_draws(30, 16) + T.linear_draws(16, 1)):
        g.random32()
    perms = [T.loader_epoch(g, n, True) for _ in range(EPOCHS)]
    for perm, order in zip(perms, orders):
        assert order == perm[:len(order)], 'epoch order differs from the replay'
        assert len(order) == (n // BATCH * BATCH if drop_last else n)
    return model, init, steps, perms, epoch_params, grads0, final_loss, correct, sgd


def check_sgd_fma(before, grads, model):
    """torch.optim.SGD's step on this build is p = fma(g, (float) -lr, p), one rounding (the AVX2 add kernel
    with alpha); asserts it for the first step and counts where p - (float) lr * g (two roundings) differs"""
    lr = np.float32(-LR)
    fused = differ = total = 0
    for n_, p in model.named_parameters():
        old, g, new = before[n_].numpy(), grads[n_].numpy(), p.detach().numpy()
        want = T.fma_f32(g, lr, old)
        assert np.array_equal(want, new), 'SGD is not fma(g, -lr, p) for ' + n_
        twice = (old + (g * lr).astype(np.float32)).astype(np.float32)
        fused += int((want == new).sum())
        differ += int((twice != new).sum())
        total += new.size
    return fused, differ, total


def write_trace(name, x, y, drop_last):
    model, init, steps, perms, epoch_params, grads0, final_loss, correct, sgd = train(x, y, drop_last)
    nb = len(x) // BATCH if drop_last else -(-len(x) // BATCH)
    notes = [
        'Training run (the lecture\'s loop with a DataLoader):',
        '  torch.manual_seed(777)',
        '  model = Sequential(Linear(30,16), ReLU(), Linear(16,1), Sigmoid()); BCELoss(); SGD(lr=0.1)',
        '  loader = DataLoader(TensorDataset(X, Y), batch_size=64, shuffle=True, drop_last=%s)' % drop_last,
        '  for epoch in range(3): for xb, yb in loader: zero_grad; cost = BCE(model(xb), yb); backward; step',
        'X, Y: breast_cancer_standardised.txt (x, y). %d steps per epoch%s.' % (
            nb, ', every batch 64 rows (the last 57 rows of each permutation are dropped)' if drop_last
            else ' (8 batches of 64 rows, then one of 57)'),
        'Keys:',
        '  init.<param> / epoch<e>.<param> / final.<param>: parameters (hex) at construction, after epoch e,',
        '    at the end; <param>.shape gives the torch shape (Linear weight is out x in). Params are named as',
        '    torch names them: 0.weight 0.bias (Linear(30,16)), 2.weight 2.bias (Linear(16,1)).',
        '  perm <epoch> <row...>: the full randperm(569) of the epoch (the batches are consecutive slices of',
        '    it%s), checked against the pure-Python replay of the generator.' % (
            '; the tail past 512 is not visited' if drop_last else ''),
        '  step <epoch> <step in epoch> <global step> <rows> <loss hex> <loss decimal>: cost.item() before the update',
        '  grad0.<param>: the gradients of the first step (before its update)',
        '  final_loss_all_rows <hex> <dec>: BCE of the trained model on all 569 rows; correct: rows with',
        '    (p > 0.5) == label, of 569',
        'SGD on this build (AVX2 add kernel with alpha) is ONE rounding: p = fma(g, (float) -0.1, p). Checked on',
        'the first step: %d of %d parameters equal the fused form; the twice-rounded p - 0.1f * g differs in %d.' % (sgd[0], sgd[2], sgd[1]),
    ]
    with T.Trace(name, 'bce_breast_cancer.py',
                 'BCE on breast cancer, shuffled DataLoader, drop_last=%s' % drop_last, notes) as tr:
        tr.line('seed', SEED)
        tr.line('batch_size', BATCH)
        tr.line('epochs', EPOCHS)
        tr.line('drop_last', str(drop_last).lower())
        tr.line('lr', repr(LR))
        tr.line('steps_per_epoch', nb)
        params(tr, 'init', init.items())
        for e, perm in enumerate(perms):
            tr.line('perm', e, *perm)
        for epoch, i, k, rows, loss in steps:
            tr.line('step', epoch, i, k, rows, T.hexf(loss), T.decf(loss))
        params(tr, 'grad0', grads0.items())
        for e, ps in enumerate(epoch_params):
            params(tr, 'epoch%d' % e, ps.items())
        params(tr, 'final', model.named_parameters())
        tr.scalar('final_loss_all_rows', final_loss)
        tr.line('correct', correct, len(x))
    return steps, final_loss, correct


def main():
    x, y, mean, std, classes = data()
    write_data(x, y, mean, std, classes)
    for name, drop_last in (('bce_breast_cancer_shuffle.txt', False), ('bce_breast_cancer_shuffle_drop_last.txt', True)):
        steps, final_loss, correct = write_trace(name, x, y, drop_last)
        print('%s: %d steps, first loss %r, last %r, final loss on all rows %r, correct %d/569'
              % (name, len(steps), steps[0][4], steps[-1][4], final_loss, correct))


if __name__ == '__main__':
    main()
