"""Trace 3: cross-entropy. (a) Training on iris.csv: Linear(4,8) -> ReLU -> Linear(8,3), CrossEntropyLoss,
Adam(lr=0.01), torch.manual_seed(777), batch 16, shuffle=True, 4 epochs; plus the loss and gradients of the
initial model on fixed rows (no update). (b) F.cross_entropy on crafted logits, with gradients, and the exact
text of PyTorch's errors for out-of-range targets.

Writes examples/src/test/resources/reference/iris_standardised.txt, cross_entropy_iris.txt and
cross_entropy_crafted.txt.
"""
import math

import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

import tracelib as T

SEED = 777
BATCH = 16
EPOCHS = 4
LR = 0.01


def write_data(x, y, mean, std, classes):
    notes = [
        'data/sklearn/iris.csv (150 rows, 4 features, classes %s), features standardised column by' % (
            ' / '.join('%d = %s' % c for c in enumerate(classes))),
        'column in float64, (x - mean) / std with the population std (numpy x.std(axis=0), ddof=0), then',
        'rounded to float32. These float32 values are what the traces used: read them, do not recompute.',
        'Keys: rows, features, classes; x (rows x features, row-major, hex); labels (class index per row);',
        'mean.f64 / std.f64: the float64 column statistics as Java double hex floats (Double.parseDouble).',
    ]
    with T.Trace('iris_standardised.txt', 'cross_entropy_iris.py', 'iris.csv standardised, float32', notes) as tr:
        tr.line('rows', x.shape[0])
        tr.line('features', x.shape[1])
        tr.line('classes', len(classes))
        tr.floats('x', x, checksum=True)
        tr.ints('labels', y, per_line=25)
        tr.line('mean.f64', *[float(v).hex() for v in mean])
        tr.line('std.f64', *[float(v).hex() for v in std])


def params(tr, prefix, named):
    """(name, tensor) pairs as <prefix>.<name>.shape and <prefix>.<name> lines"""
    for name, p in named:
        tr.line('%s.%s.shape' % (prefix, name), *p.shape)
        tr.floats('%s.%s' % (prefix, name), p)


def model_for(seed):
    torch.manual_seed(seed)
    return torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3))


def gradients(model, x, y, rows):
    """loss and parameter gradients of one forward/backward on the given rows; no update"""
    model.zero_grad()
    loss = torch.nn.CrossEntropyLoss()(model(x[rows]), y[rows])
    loss.backward()
    grads = [(n, p.grad.detach().clone()) for n, p in model.named_parameters()]
    model.zero_grad()
    return loss.item(), grads


class AdamModel:
    """torch.optim.Adam's single-tensor step as reference/README.md writes it, in numpy float32, checked
    against torch after every step: m = fma(g, (float)(1-b1), m*b1); v = fma((float)(1-b2)*g, g, v*b2);
    d = sqrt(v) / (float) sqrt(1-b2^t) + (float) eps; p = p + ((float)(-lr/(1-b1^t)) * m) / d"""

    def __init__(self, lr, b1=0.9, b2=0.999, eps=1e-8):
        self.lr, self.b1, self.b2, self.eps = lr, b1, b2, eps
        self.t, self.m, self.v, self.want = 0, {}, {}, {}

    def step(self, model):
        f = np.float32
        self.t += 1
        bc1 = 1 - self.b1 ** self.t
        bc2_sqrt = math.sqrt(1 - self.b2 ** self.t)
        for n, p in model.named_parameters():
            g, w = p.grad.numpy().copy(), p.detach().numpy().copy()
            m = self.m.get(n, np.zeros_like(w))
            v = self.v.get(n, np.zeros_like(w))
            m = T.fma_f32(g, f(1 - self.b1), (m * f(self.b1)).astype(f))
            v = T.fma_f32((f(1 - self.b2) * g).astype(f), g, (v * f(self.b2)).astype(f))
            d = ((np.sqrt(v) / f(bc2_sqrt)).astype(f) + f(self.eps)).astype(f)
            w = (w + ((f(-self.lr / bc1) * m).astype(f) / d).astype(f)).astype(f)
            self.m[n], self.v[n], self.want[n] = m, v, w

    def check(self, model):
        for n, p in model.named_parameters():
            assert np.array_equal(self.want[n], p.detach().numpy()), 'Adam step %d, %s' % (self.t, n)


def train_iris(x_np, y_np):
    x, y = torch.from_numpy(x_np), torch.from_numpy(y_np)
    model = model_for(SEED)
    init = [(n, p.detach().clone()) for n, p in model.named_parameters()]
    probes = {'first16': list(range(16)), 'all150': list(range(150))}
    probe_results = {k: gradients(model, x, y, rows) for k, rows in probes.items()}
    for p in model.parameters():                  # back to the untouched state torch starts training from
        p.grad = None
    crit = torch.nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    loader = DataLoader(TensorDataset(x, y, torch.arange(len(x))), batch_size=BATCH, shuffle=True)
    steps, orders, epoch_params = [], [], []
    adam = AdamModel(LR)
    for epoch in range(EPOCHS):
        order = []
        for i, (xb, yb, idx) in enumerate(loader):
            order += idx.tolist()
            opt.zero_grad()
            cost = crit(model(xb), yb)
            cost.backward()
            adam.step(model)
            opt.step()
            adam.check(model)
            steps.append((epoch, i, len(steps), xb.shape[0], cost.item()))
        orders.append(order)
        epoch_params.append([(n, p.detach().clone()) for n, p in model.named_parameters()])
    with torch.no_grad():
        logits = model(x)
        final_loss = crit(logits, y).item()
        correct = int((logits.argmax(dim=1) == y).sum().item())
    g = T.MT19937(SEED)
    for _ in range(T.linear_draws(4, 8) + T.linear_draws(8, 3)):
        g.random32()
    perms = [T.loader_epoch(g, len(x), True) for _ in range(EPOCHS)]
    assert orders == perms, 'epoch orders differ from the replay'
    return init, probes, probe_results, steps, perms, epoch_params, model, final_loss, correct


def write_iris_trace(x, y):
    init, probes, probe_results, steps, perms, epoch_params, model, final_loss, correct = train_iris(x, y)
    notes = [
        'Training run:',
        '  torch.manual_seed(777)',
        '  model = Sequential(Linear(4,8), ReLU(), Linear(8,3)); CrossEntropyLoss(); Adam(lr=0.01) (defaults:',
        '    betas (0.9, 0.999), eps 1e-8, weight_decay 0, amsgrad False; single-tensor path, foreach unset)',
        '    Every Adam step was checked bit for bit against the formula of reference/README.md (numpy float32).',
        '  loader = DataLoader(TensorDataset(X, labels), batch_size=16, shuffle=True, drop_last=False)',
        '  for epoch in range(4): for xb, yb in loader: zero_grad; cost = CE(model(xb), yb); backward; step',
        'X, labels: iris_standardised.txt. 10 steps per epoch: 9 batches of 16 rows, then one of 6.',
        'Keys:',
        '  init.<param> / epoch<e>.<param> / final.<param>: parameters (hex), <param>.shape the torch shape;',
        '    names as torch gives them: 0.weight 0.bias (Linear(4,8)), 2.weight 2.bias (Linear(8,3)).',
        '  probe.<rows>.rows: the row indices of a probe; probe.<rows>.loss <hex> <dec>: CrossEntropyLoss (mean)',
        '    of the INITIAL model on those rows; probe.<rows>.grad.<param>: the gradients of that loss (hex).',
        '    One forward/backward each, no update; first16 = rows 0..15 (all class 0), all150 = every row.',
        '  perm <epoch> <row...>: randperm(150) of the epoch (checked against the pure-Python replay).',
        '  step <epoch> <step in epoch> <global step> <rows> <loss hex> <loss decimal>: cost.item() before the update',
        '  final_loss_all_rows <hex> <dec>; correct <n> 150: argmax(logits) == label after training',
    ]
    with T.Trace('cross_entropy_iris.txt', 'cross_entropy_iris.py',
                 'Cross-entropy + Adam on iris, shuffled DataLoader', notes) as tr:
        tr.line('seed', SEED)
        tr.line('batch_size', BATCH)
        tr.line('epochs', EPOCHS)
        tr.line('lr', repr(LR))
        params(tr, 'init', init)
        for k, rows in probes.items():
            loss, grads = probe_results[k]
            tr.ints('probe.%s.rows' % k, rows, per_line=25)
            tr.scalar('probe.%s.loss' % k, loss)
            params(tr, 'probe.%s.grad' % k, grads)
        for e, perm in enumerate(perms):
            tr.line('perm', e, *perm)
        for epoch, i, k, rows, loss in steps:
            tr.line('step', epoch, i, k, rows, T.hexf(loss), T.decf(loss))
        for e, ps in enumerate(epoch_params):
            params(tr, 'epoch%d' % e, ps)
        params(tr, 'final', model.named_parameters())
        tr.scalar('final_loss_all_rows', final_loss)
        tr.line('correct', correct, len(x))
    return steps, final_loss, correct, probe_results


CRAFTED = [
    # name, logits (rows x 3), targets
    ('huge_right', [[1e4, -1e4, 0.0]], [0]),
    ('huge_wrong', [[1e4, -1e4, 0.0]], [1]),
    ('huge_tie', [[1e4, 1e4, -1e4]], [0]),
    ('equal_zero', [[0.0, 0.0, 0.0]], [2]),
    ('equal_minus_huge', [[-1e4, -1e4, -1e4]], [1]),
    ('small', [[0.1, 0.2, 0.3]], [1]),
    ('float_limits', [[1e30, -1e30, 0.0]], [2]),
    ('batch', [[1e4, -1e4, 0.0], [0.0, 0.0, 0.0], [-1e4, 1e4, 1e4], [0.5, -1.25, 3.0]], [1, 0, 2, 2]),
    ('two_classes', [[2.0, -3.0], [-0.5, 0.25], [40.0, 40.0]], [0, 1, 1]),
]


def error_text(fn):
    try:
        fn()
    except Exception as e:                      # the exact type and text are the point
        return type(e).__name__, str(e)
    raise AssertionError('no error')


def write_crafted():
    notes = [
        'F.cross_entropy(logits, target) (reduction mean, as nn.CrossEntropyLoss) on crafted float32 logits.',
        'Per case <c>: <c>.shape rows classes; <c>.logits (hex, row-major); <c>.targets;',
        '  <c>.loss <hex> <dec> (mean over rows); <c>.row_losses (reduction="none", hex);',
        '  <c>.grad: d loss / d logits of the mean loss (hex, row-major) = (softmax - onehot) / rows.',
        'error <case> <Python exception type> <message>: the rest of the line after the type is the exact text',
        'of str(exception).',
    ]
    with T.Trace('cross_entropy_crafted.txt', 'cross_entropy_iris.py',
                 'F.cross_entropy on crafted logits, and its errors', notes) as tr:
        for name, logits, targets in CRAFTED:
            z = torch.tensor(logits, dtype=torch.float32, requires_grad=True)
            t = torch.tensor(targets, dtype=torch.int64)
            loss = F.cross_entropy(z, t)
            loss.backward()
            rows = F.cross_entropy(z.detach(), t, reduction='none')
            tr.comment('%s: logits %s targets %s' % (name, logits, targets))
            tr.line(name + '.shape', *z.shape)
            tr.floats(name + '.logits', z)
            tr.ints(name + '.targets', targets)
            tr.scalar(name + '.loss', loss.item())
            tr.floats(name + '.row_losses', rows)
            tr.floats(name + '.grad', z.grad)
        errors = [
            ('target_too_large', lambda: F.cross_entropy(torch.zeros(2, 3), torch.tensor([0, 3]))),
            ('target_negative', lambda: F.cross_entropy(torch.zeros(2, 3), torch.tensor([0, -1]))),
            ('target_too_large_module', lambda: torch.nn.CrossEntropyLoss()(torch.zeros(1, 3), torch.tensor([7]))),
        ]
        for name, fn in errors:
            kind, text = error_text(fn)
            assert '\n' not in text
            tr.lines.append('error %s %s %s' % (name, kind, text))
            print('error', name, kind, repr(text))


def main():
    x64, y, classes = T.load_sklearn_csv('iris.csv')
    x, mean, std = T.standardise(x64)
    write_data(x, y, mean, std, classes)
    steps, final_loss, correct, probes = write_iris_trace(x, y)
    print('iris: %d steps, first loss %r, last %r, final loss %r, correct %d/150, probe first16 loss %r, all150 %r'
          % (len(steps), steps[0][4], steps[-1][4], final_loss, correct, probes['first16'][0], probes['all150'][0]))
    write_crafted()


if __name__ == '__main__':
    main()
