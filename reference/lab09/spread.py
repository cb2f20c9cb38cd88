"""How far a lab-09 trace moves when only the order or precision of summation changes.

A Java program that sums in another order than PyTorch's kernels cannot match a trace bit for bit; this
measures how far apart two honest float32 computations of the same program land, so tests can use
tolerances that are earned rather than guessed. Two perturbations of one script, each compared with its
committed trace:
- `threads2`: the same script with torch.set_num_threads(2) (torch's own parallel loops and reductions may
  split differently; the BLAS here is single-threaded netlib, so the matmuls do not change);
- `f64`: every matmul accumulated in float64 and rounded once to float32: nn.functional.linear (so
  nn.Linear's forward and, through autograd, its backward) and torch.matmul (the hand-written backprop).
Prints, per variant: how many first-epoch step losses are bit-identical, their largest and median relative
difference, the largest over ranges of steps (STEP_RANGES: how fast the runs drift apart), the relative
difference of each epoch line, and the end of the run (accuracy, sample, final parameters). A run
shortened with `-- --epochs N` is compared on its steps and epochs only.

Run: /usr/bin/python3 reference/lab09/spread.py mnist_nn_xavier.py [--variants threads2 f64] [-- options for the script]
"""
import argparse
import os
import runpy
import statistics
import sys
import tempfile

import torch

import lab09_trace

HERE = os.path.dirname(os.path.abspath(__file__))
# step ranges (1-based, inclusive) over which the largest relative difference is reported: how fast two
# runs drift apart
STEP_RANGES = [(1, 1), (2, 10), (11, 100), (101, 300), (301, 600), (601, 1875), (1876, 6000)]


def linear64(original):
    def linear(input, weight, bias=None):
        return original(input.double(), weight.double(), None if bias is None else bias.double()).float()
    return linear


def matmul64(original):
    def matmul(a, b, **kwargs):
        return original(a.double(), b.double(), **kwargs).float()
    return matmul


def run(script, trace_dir, variant, extra):
    """Runs the script in this process with the variant's patch; returns the trace's path."""
    argv = [script, '--trace-dir', trace_dir, *extra]
    if variant == 'threads2':
        argv += ['--threads', '2']
    saved = sys.argv, sys.stdout, torch.nn.functional.linear, torch.matmul
    try:
        if variant == 'f64':
            torch.nn.functional.linear = linear64(torch.nn.functional.linear)
            torch.matmul = matmul64(torch.matmul)
        sys.argv = argv
        with open(os.devnull, 'w') as devnull:
            sys.stdout = devnull
            runpy.run_path(os.path.join(HERE, script), run_name='__main__')
    finally:
        sys.argv, sys.stdout, torch.nn.functional.linear, torch.matmul = saved
    names = [n for n in os.listdir(trace_dir) if n.endswith('.txt')]
    if len(names) != 1:
        raise RuntimeError(f'{trace_dir}: expected one trace, found {names}')
    return os.path.join(trace_dir, names[0])


def records(path):
    """Trace lines by record name -> list of field lists (comments dropped)."""
    out = {}
    with open(path) as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            fields = line.split()
            out.setdefault(fields[0], []).append(fields[1:])
    return out


def relative(a, b):
    return abs(a - b) / max(abs(a), abs(b), 1e-30)


def compare(base, other):
    """Lines describing how `other` departs from `base` (two parsed traces of the same program)."""
    out = []
    # a shorter run (--epochs) is compared on what it shares: steps and its epochs, not its end state
    shorter = any(len(base[r]) != len(other.get(r, [])) for r in base if r.endswith(('epoch', '-train')))
    for record in sorted(base):
        end_of_run = record in ('accuracy', 'label', 'prediction', 'sample') or record.startswith('final')
        if shorter and end_of_run:
            continue
        if record.endswith('step'):
            a = [float.fromhex(f[2]) for f in base[record]]
            b = [float.fromhex(f[2]) for f in other[record]]
            diffs = [relative(x, y) for x, y in zip(a, b)]
            same = sum(1 for x, y in zip(a, b) if x == y)
            first = next((i + 1 for i, (x, y) in enumerate(zip(a, b)) if x != y), None)
            out.append(f'{record}: {same}/{len(a)} bit-identical, first difference at batch {first}, '
                       f'relative difference max {max(diffs):.3g}, median {statistics.median(diffs):.3g}')
            ranges = [(lo, hi) for lo, hi in STEP_RANGES if lo <= len(diffs)]
            out.append(f'{record}: relative difference max by batches: ' + ', '.join(
                f'{lo}-{min(hi, len(diffs))} {max(diffs[lo - 1:hi]):.3g}' for lo, hi in ranges))
        elif record == 'epoch':
            for fa, fb in zip(base[record], other[record]):
                x, y = float.fromhex(fa[1]), float.fromhex(fb[1])
                out.append(f'epoch {fa[0]}: {float(fa[2]):.9f} vs {float(fb[2]):.9f}, relative {relative(x, y):.3g}')
        elif record.endswith(('-train', '-valid')):
            for fa, fb in zip(base[record], other[record]):
                x, y = float.fromhex(fa[1]), float.fromhex(fb[1])
                p, q = float(fa[4]), float(fb[4])
                out.append(f'{record} {fa[0]}: loss relative {relative(x, y):.3g}, accuracy {p:.6f} vs {q:.6f}')
        elif record in ('accuracy', 'label', 'prediction', 'sample'):
            out.append(f'{record}: {" ".join(map(" ".join, base[record]))} vs '
                       f'{" ".join(map(" ".join, other[record]))}')
        elif record.endswith('batch-labels'):
            same = sum(1 for fa, fb in zip(base[record], other[record]) if fa == fb)
            out.append(f'{record}: {same}/{min(len(base[record]), len(other[record]))} batches identical')
        elif record.startswith('final'):
            same = sum(1 for fa, fb in zip(base[record], other[record]) if fa == fb)
            out.append(f'{record}: {same}/{len(base[record])} tensors identical')
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('script', help='e.g. mnist_nn_xavier.py')
    parser.add_argument('--variants', nargs='+', default=['threads2', 'f64'], choices=['threads2', 'f64'])
    parser.add_argument('--baseline', help='the trace to compare with (default: the committed one)')
    argv = sys.argv[1:]
    extra = argv[argv.index('--') + 1:] if '--' in argv else []
    args = parser.parse_args(argv[:argv.index('--')] if '--' in argv else argv)
    args.extra = extra
    for variant in args.variants:
        with tempfile.TemporaryDirectory() as tmp:
            path = run(args.script, tmp, variant, args.extra)
            baseline = args.baseline or os.path.join(lab09_trace.DEFAULT_TRACE_DIR, os.path.basename(path))
            print(f'== {args.script} {" ".join(args.extra)}: {variant} vs {os.path.relpath(baseline, lab09_trace.REPO)}')
            for line in compare(records(baseline), records(path)):
                print(line)
        sys.stdout.flush()


if __name__ == '__main__':
    main()
