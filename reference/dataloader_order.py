"""Trace 1: the row order of DataLoader(shuffle=True) epochs after torch.manual_seed(seed), recorded from torch
and checked (assert) against the pure-Python model of the draws in tracelib (MT19937, random64 for the
iterator's base seed, random64 for the sampler's seed, randperm on a fresh MT19937 seeded with it).

Writes examples/src/test/resources/reference/dataloader_order.txt.
"""
import torch
from torch.utils.data import DataLoader, TensorDataset

import tracelib as T

SEEDS = (0, 777, 12345)
SIZES = (1, 2, 10, 150, 569)
EPOCHS = 3
BATCH = 4


def epoch_order(loader):
    """one epoch: the iterator's base seed and the rows in the order the batches deliver them"""
    it = iter(loader)
    rows = [int(v) for (b,) in it for v in b]
    return it._base_seed, rows


def run_case(seed, n, prelude, batch=BATCH):
    """torch side: manual_seed, the prelude, then EPOCHS shuffled epochs. Returns the epochs and the next
    int64 draw of the global generator (which shows how many 32-bit outputs were used)."""
    torch.manual_seed(seed)
    before = []
    if prelude == 'linear':
        torch.nn.Linear(2, 4)
        torch.nn.Linear(4, 1)
    elif prelude == 'unshuffled':
        before.append(epoch_order(DataLoader(TensorDataset(torch.arange(n)), batch_size=batch, shuffle=False)))
    loader = DataLoader(TensorDataset(torch.arange(n)), batch_size=batch, shuffle=True)
    epochs = [epoch_order(loader) for _ in range(EPOCHS)]
    nxt = int(torch.empty((), dtype=torch.int64).random_().item())
    return before, epochs, nxt


def model_case(seed, n, prelude):
    """the same in pure Python; also returns each epoch's sampler seed"""
    g = T.MT19937(seed)
    before = []
    if prelude == 'linear':
        for _ in range(T.linear_draws(2, 4) + T.linear_draws(4, 1)):
            g.random32()
    elif prelude == 'unshuffled':
        base = g.random64() % (1 << 63)
        before.append((base, list(range(n))))
    epochs = []
    for _ in range(EPOCHS):
        base = g.random64() % (1 << 63)
        sampler_seed = g.random64() % (1 << 63)
        epochs.append((base, sampler_seed, T.randperm(T.MT19937(sampler_seed), n)))
    return before, epochs, g.random64() % (1 << 63), g.draws


def checks():
    """facts the trace relies on, each asserted against torch"""
    # the sampler's seed is a non-negative int64; Generator.manual_seed keeps only its low 32 bits
    for s in (2 ** 62 + 12345, 2 ** 63 - 1, 0x1234567800000007):
        a, b = torch.Generator(), torch.Generator()
        a.manual_seed(s)
        b.manual_seed(s & 0xffffffff)
        assert a.initial_seed() == s
        assert torch.equal(torch.randperm(1000, generator=a), torch.randperm(1000, generator=b)), s
    # randperm is the same swap loop for small and large n (one random32 per position, none for n = 1),
    # including n above at::internal::GRAIN_SIZE (32768), where the initial fill runs through parallel_for
    for n in (0, 1, 2, 3, 16, 17, 100, 40000):
        g = torch.Generator()
        g.manual_seed(4242)
        mine = T.MT19937(4242)
        assert torch.randperm(n, generator=g).tolist() == T.randperm(mine, n), n
        nxt = int(torch.empty((), dtype=torch.int64).random_(generator=g).item())
        assert nxt == mine.random64() % (1 << 63), n          # and it used exactly n - 1 draws
    # torch.randperm(n) on the global generator draws from it the same way
    torch.manual_seed(5)
    assert torch.randperm(50).tolist() == T.randperm(T.MT19937(5), 50)
    # the order does not depend on batch_size or drop_last (they only cut the permutation into batches)
    for kw in ({'batch_size': 1}, {'batch_size': 569}, {'batch_size': 64, 'drop_last': True}):
        torch.manual_seed(777)
        it = iter(DataLoader(TensorDataset(torch.arange(569)), shuffle=True, **kw))
        rows = [int(v) for (b,) in it for v in b]
        ref = T.randperm(T.MT19937(_sampler_seed_after(777, 0)), 569)
        assert rows == ref[:len(rows)], kw
    # the base seed is drawn by iter(loader), the sampler seed by the first next(): a draw in between moves it
    torch.manual_seed(777)
    loader = DataLoader(TensorDataset(torch.arange(10)), batch_size=4, shuffle=True)
    it = iter(loader)
    between = int(torch.empty((), dtype=torch.int64).random_().item())
    rows = [int(v) for (b,) in it for v in b]
    g = T.MT19937(777)
    assert g.random64() % (1 << 63) == it._base_seed
    assert g.random64() % (1 << 63) == between
    assert rows == T.randperm(T.MT19937(g.random64() % (1 << 63)), 10)
    return rows


def _sampler_seed_after(seed, draws32):
    g = T.MT19937(seed)
    for _ in range(draws32):
        g.random32()
    g.random64()
    return g.random64() % (1 << 63)


def main():
    notes = [
        'DataLoader(TensorDataset(torch.arange(N)), batch_size=%d, shuffle=True), num_workers=0, drop_last=False,' % BATCH,
        'iterated for %d epochs right after torch.manual_seed(seed) and a prelude:' % EPOCHS,
        '  none       = nothing else;',
        '  linear     = nn.Linear(2,4) then nn.Linear(4,1) built first (8+4+4+1 = 17 random32 draws);',
        '  unshuffled = one epoch of DataLoader(same data, batch_size=%d, shuffle=False) first.' % BATCH,
        'Records:',
        '  case <id> <seed> <prelude> <N> <batch_size> <random32 draws of the global generator in all>',
        '  unshuffled <id> <base_seed> <order...>        (the shuffle=False epoch of prelude "unshuffled")',
        '  seeds <id> <epoch> <base_seed> <sampler_seed>  (the two int64 draws of that epoch, random64 % 2^63)',
        '  order <id> <epoch> <row...>                   (the N rows of that epoch, in batch order)',
        '  next <id> <int64>   (torch.empty((), dtype=torch.int64).random_() right after the last epoch)',
        'Every record was checked in the script against a pure-Python replay (tracelib.MT19937/randperm):',
        'base_seed = random64 % 2^63 at iter(loader); sampler_seed = random64 % 2^63 at the first batch;',
        'order = randperm(N) on MT19937(sampler_seed & 0xffffffff): for i in 0..N-2: z = random32 % (N-i);',
        'swap(r[i], r[i+z]). See reference/README.md.',
    ]
    between_rows = checks()
    with T.Trace('dataloader_order.txt', 'dataloader_order.py',
                 'PyTorch 1.13 DataLoader(shuffle=True) epoch orders (randperm streams)', notes) as tr:
        cases = [(s, n, 'none') for s in SEEDS for n in SIZES]
        cases += [(s, n, 'linear') for s in SEEDS for n in SIZES]
        cases += [(777, 10, 'unshuffled'), (777, 150, 'unshuffled')]
        for seed, n, prelude in cases:
            cid = 's%d_n%d_%s' % (seed, n, prelude)
            before, epochs, nxt = run_case(seed, n, prelude)
            m_before, m_epochs, m_next, draws = model_case(seed, n, prelude)
            assert [b for b, _ in before] == [b for b, _ in m_before], cid
            assert [r for _, r in before] == [r for _, r in m_before], cid
            assert [b for b, _ in epochs] == [b for b, _, _ in m_epochs], cid
            assert [r for _, r in epochs] == [r for _, _, r in m_epochs], cid
            assert nxt == m_next, cid
            tr.line('case', cid, seed, prelude, n, BATCH, draws - 2)
            for base, rows in before:
                tr.line('unshuffled', cid, base, *rows)
            for e, (base, sseed, rows) in enumerate(m_epochs):
                tr.line('seeds', cid, e, base, sseed)
                tr.line('order', cid, e, *rows)
            tr.line('next', cid, nxt)
        tr.comment('iter(loader) then one int64 draw, then the batches (seed 777, N 10): the draw in between')
        tr.comment('takes the value the sampler seed would have had; this epoch is randperm on the third random64.')
        tr.line('order_with_draw_between_iter_and_first_batch', *between_rows)
    print('all orders match the pure-Python model')


if __name__ == '__main__':
    main()
