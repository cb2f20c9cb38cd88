"""What torch 1.13 computes on this machine, checked rather than assumed, for a Java side that wants bits.

1. Sums. The matmuls go to Debian's netlib reference BLAS (libblas3), which torch calls with column-major
   transposes. For x (rows x in), W (out x in), b (out) and an upstream gradient g (rows x out) the claim
   is that each sum is a plain float32 loop in index order from zero, multiply then add (no fused
   multiply-add):
     forward   y[r][o]  = (sum_k x[r][k] * W[o][k], k = 0..in-1) + b[o]     (bias added last)
     weight    dW[o][k] = sum_r g[r][o] * x[r][k],  r = 0..rows-1
     input     dx[r][k] = sum_o g[r][o] * W[o][k],  o = 0..out-1
   The bias gradient db[o] = sum_r g[r][o] is not a loop: torch's reduction kernel sums it in a cascade
   (cascade_sum), and CrossEntropyLoss's mean over the rows is another cascade (nll_mean) over torch's own
   log_softmax values. Checked on a batch of 100 Fashion-MNIST images through Linear(784, 256) (lab-09_2/3)
   and on 50 batches of 100 through Linear(784, 10), against other orders (the loop reversed; numpy's
   pairwise sum) to show that the check can fail. numpy's matmul agrees with torch's because both call
   the same libblas here.
2. exp. torch.exp on float32 (used by the backprop's sigma and inside log_softmax) is Sleef's vectorised
   expf (1-ulp accuracy), not the correctly rounded (float) exp((double) x): counted over a million values.
3. normal_ on fewer than 16 elements (the backprop's b2 has 10) takes torch's scalar path, not the
   16-at-a-time one in reference/README.md: per pair of outputs two random64 draws u1, u2 (53 bits each,
   times 2^-53), r = sqrt(-2 log(1 - u2)), theta = 2 pi u1, all in double; output r cos(theta) then
   r sin(theta), each rounded to float. Checked against torch for 2000 seeds and 1, 5, 10, 15 elements.

Run: /usr/bin/python3 reference/lab09/torch_numerics.py [--data data/fashion-mnist]
"""
import argparse
import math

import numpy as np
import torch

import fashion_mnist
import lab09_trace


def loop_sum(count, term, reverse=False):
    """term(0) + term(1) + ... + term(count - 1), float32 arrays added one at a time from zero, each add
    rounded to float32 (numpy has already rounded each product: float32 * float32 -> float32)."""
    acc = np.zeros_like(term(0))
    for i in range(count - 1, -1, -1) if reverse else range(count):
        acc = acc + term(i)
    return acc


def cascade_sum(rows):
    """torch 1.13's CPU sum over a dimension of n = len(rows) float32 rows (SumKernel.cpp, multi_row_sum):
    four accumulator levels, p = max(4, ceil(log2 n) / 4) (integer division; 4 for any n < 2^20).
    Level 0 adds 2^p rows one at a time from zero; then it is added into level 1 and cleared, and each
    level j >= 1 is in turn added into j + 1 and cleared while the bits of the row count i in field j
    (bits p*j .. p*j + p - 1) are all zero. Rows left over (fewer than 2^p) go into level 0; the result is
    ((level0 + level1) + level2) + level3. For n = 100: ((16 rows) + (16 rows) + ... six chunks) added
    to the last 4 rows' sum; for n < 16 a plain loop."""
    n = len(rows)
    power = max(4, (n - 1).bit_length() // 4)
    step, levels = 1 << power, [np.zeros_like(rows[0]) for _ in range(4)]
    i = 0
    while i + step <= n:
        for _ in range(step):
            levels[0] = levels[0] + rows[i]
            i += 1
        for j in range(1, 4):
            levels[j] = levels[j] + levels[j - 1]
            levels[j - 1] = np.zeros_like(rows[0])
            if i & ((step - 1) << (j * power)):
                break
    for r in range(i, n):
        levels[0] = levels[0] + rows[r]
    for j in range(1, 4):
        levels[0] = levels[0] + levels[j]
    return levels[0]


def nll_mean(picked, cascade=True):
    """torch 1.13's CPU nll_loss, reduction 'mean', no weights, over picked[b] = log_softmax(logits)[b][y[b]]
    (LossNLL.cpp): eight levels, p = max(4, ceil(log2 n) / 8). Row b subtracts picked[b] from level 0;
    then, for j = 0, 1, ...: if the bits of the INDEX b in field j are all zero, level j is added into
    j + 1 and cleared, else stop. So row 0 climbs to the top level at once, and rows 1..16 are carried
    together at b = 16. The result, 0 + level0 + level1 + ... + level7, is divided by n (float32).
    With cascade=False: a plain loop from zero, for comparison."""
    n = len(picked)
    if not cascade:
        return np.float32(loop_sum(n, lambda b: -picked[b:b + 1])[0] / np.float32(n))
    power = max(4, (n - 1).bit_length() // 8)
    field = (1 << power) - 1
    levels = [np.float32(0)] * 8
    for b in range(n):
        levels[0] = np.float32(levels[0] - picked[b])
        for j in range(7):
            if b & (field << (j * power)):
                break
            levels[j + 1] = np.float32(levels[j + 1] + levels[j])
            levels[j] = np.float32(0)
    total = np.float32(0)
    for level in levels:
        total = np.float32(total + level)
    return np.float32(total / np.float32(n))


def small_normal(seed, count):
    """normal_ on `count` < 16 float32 elements after manual_seed(seed), by the scalar path (see 3. above)."""
    generator = torch.Generator().manual_seed(seed)
    out = []
    while len(out) < count:
        # random_() on an int64 scalar is one random64 (mod 2^63, which keeps the low 53 bits)
        u1, u2 = ((torch.empty((), dtype=torch.int64).random_(generator=generator).item() & ((1 << 53) - 1))
                  * 2.0 ** -53 for _ in range(2))
        radius, theta = math.sqrt(-2.0 * math.log(1.0 - u2)), 2.0 * math.pi * u1
        out += [radius * math.cos(theta), radius * math.sin(theta)]
    return np.array(out[:count], dtype=np.float32)


def report(name, torch_value, candidates):
    for label, value in candidates:
        same = np.array_equal(torch_value, value)
        differing = int(np.count_nonzero(torch_value != value))
        print(f'{name:8s} vs {label:40s}: {"bit-identical" if same else f"{differing} of {value.size} values differ"}')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--data', default=lab09_trace.DEFAULT_DATA)
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(777)
    train = fashion_mnist.FashionMnist(args.data, train=True)
    x = torch.stack([train[i][0] for i in range(100)]).view(-1, 784).requires_grad_(True)
    linear = torch.nn.Linear(784, 256)
    torch.nn.init.normal_(linear.weight)
    y = linear(x)
    g = torch.randn(100, 256)
    y.backward(g)

    xn, wn, bn, gn = (t.detach().numpy() for t in (x, linear.weight, linear.bias, g))
    rows, inputs, outputs = xn.shape[0], xn.shape[1], wn.shape[0]

    def forward(k):
        return np.outer(xn[:, k], wn[:, k])
    report('forward', y.detach().numpy(), [
        ('loop over k, then + bias', loop_sum(inputs, forward) + bn),
        ('loop over k in reverse, then + bias', loop_sum(inputs, forward, reverse=True) + bn),
        ('numpy float32 matmul (same BLAS) + bias', xn @ wn.T + bn),
    ])

    def weight(r):
        return np.outer(gn[r], xn[r])
    report('weight', linear.weight.grad.numpy(), [
        ('loop over rows', loop_sum(rows, weight)),
        ('loop over rows in reverse', loop_sum(rows, weight, reverse=True)),
        ('numpy float32 matmul (same BLAS)', gn.T @ xn),
    ])

    def input_term(o):
        return np.outer(gn[:, o], wn[o])
    report('input', x.grad.numpy(), [
        ('loop over outputs', loop_sum(outputs, input_term)),
        ('loop over outputs in reverse', loop_sum(outputs, input_term, reverse=True)),
        ('numpy float32 matmul (same BLAS)', gn @ wn),
    ])
    report('bias', linear.bias.grad.numpy(), [
        ('loop over rows', loop_sum(rows, lambda r: gn[r])),
        ('cascade sum over rows', cascade_sum(list(gn))),
        ('numpy float32 sum (pairwise)', gn.sum(axis=0, dtype=np.float32)),
    ])

    # CrossEntropyLoss (mean) over 50 batches of 100 of a Linear(784, 10)'s logits, checked against the
    # reductions of torch's own log_softmax values
    images = torch.stack([train[i][0] for i in range(5000)]).view(-1, 784)
    labels = train.targets[:5000]
    logits = torch.nn.Linear(784, 10)(images).detach()
    losses, cascades, loops = [], [], []
    for start in range(0, 5000, 100):
        batch_logits, batch_labels = logits[start:start + 100], labels[start:start + 100]
        losses.append(torch.nn.CrossEntropyLoss()(batch_logits, batch_labels).item())
        picked = torch.log_softmax(batch_logits, 1).numpy()[np.arange(100), batch_labels.numpy()]
        cascades.append(nll_mean(picked))
        loops.append(nll_mean(picked, cascade=False))
    report('CE mean', np.array(losses, np.float32), [
        ('nll cascade over log_softmax', np.array(cascades, np.float32)),
        ('nll loop over log_softmax', np.array(loops, np.float32)),
    ])

    values = (np.random.default_rng(0).standard_normal(1_000_000) * 8).astype(np.float32)
    report('exp', torch.exp(torch.from_numpy(values)).numpy(), [
        ('(float) exp((double) x)', np.exp(values.astype(np.float64)).astype(np.float32)),
    ])

    seeds, counts = range(2000), (1, 5, 10, 15)
    report('normal_', np.concatenate([torch.empty(n).normal_(generator=torch.Generator().manual_seed(s)).numpy()
                                      for s in seeds for n in counts]), [
        ('scalar Box-Muller on random64 pairs', np.concatenate([small_normal(s, n) for s in seeds for n in counts])),
    ])


if __name__ == '__main__':
    main()
