"""PyTorch at its best: which OpenBLAS core type (OPENBLAS_CORETYPE) runs each case fastest on this machine.

OpenBLAS 0.3.21 (Debian's, under PyTorch 1.13) chooses its kernels from the CPU's family and model when torch
loads it; a CPU newer than the library gets an older kernel set (an Intel Emerald Rapids gets "Prescott", no
AVX at all: 3.5× slower), and on AMD the choice may not be the fastest either. So every candidate is measured.
OpenBLAS reads the variable once, at load, so each candidate lives in a process of its own (a Worker, running
torch_steps.py); all of them are started together and asked in turn, case by case, for a short probe, in
`passes` passes with the order of the candidates rotated each time, so that a slow spell of a shared machine
falls on all candidates alike. Each case keeps its fastest candidate: the least of its passes' medians (a busy
machine only ever slows a probe down).

Per case, not one overall: each case stands for a program of its own, whose user sets the variable for it,
and the fastest kernels for 512 × 1024 products need not be those for 100 × 784 ones. The table also names
the best single choice (least geometric mean over the cases), and says when it differs.
"""
import json
import math
import os
import statistics
import subprocess
import sys

# 'unset': OpenBLAS's own pick (the core name column says which it was); the others as OpenBLAS spells them.
CANDIDATES = ["unset", "Haswell", "Zen", "SkylakeX", "Cooperlake", "Prescott"]

HERE = os.path.dirname(os.path.abspath(__file__))


class Worker:
    """A torch_steps.py process on one core type, measuring a case on request (see torch_steps.serve)."""

    def __init__(self, coretype):
        self.coretype = coretype
        self.process = subprocess.Popen([sys.executable, os.path.join(HERE, "torch_steps.py"), "--coretype",
                                         coretype], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.header = self._read()  # coretype, corename, openblas, torch, threads

    def _read(self):
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit(f"torch_steps.py --coretype {self.coretype} exited with {self.process.wait()}")
        return json.loads(line)

    def measure(self, case, warm_up_s, iterations, iteration_s):
        """ns per step of each measurement iteration."""
        self.process.stdin.write(json.dumps({"case": case, "warm_up": warm_up_s, "iterations": iterations,
                                             "iteration": iteration_s}) + "\n")
        self.process.stdin.flush()
        return self._read()["ns"]

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def choose(cases, passes, quick, out=print):
    """Probes every candidate; prints the table; returns ({case: best candidate}, {candidate: core name})."""
    warm_up_s, iterations, iteration_s = (0.3, 3, 0.2) if quick else (0.5, 3, 0.3)
    out(f"probing OpenBLAS core types ({', '.join(CANDIDATES)}): {passes} pass(es), a process each", flush=True)
    workers = [Worker(c) for c in CANDIDATES]
    probes = {c: {case: [] for case in cases} for c in CANDIDATES}
    try:
        for p in range(passes):
            for case in cases:
                for k in range(len(workers)):
                    worker = workers[(k + p) % len(workers)]  # rotated: no candidate always first
                    ns = worker.measure(case, warm_up_s, iterations, iteration_s)
                    probes[worker.coretype][case].append(statistics.median(ns))
            out(f"  pass {p + 1}/{passes} done", flush=True)
    finally:
        for worker in workers:
            worker.close()
    corenames = {w.coretype: w.header["corename"] for w in workers}

    def best_ns(candidate, case):
        return min(probes[candidate][case])

    choice = {case: min(CANDIDATES, key=lambda c: best_ns(c, case)) for case in cases}
    overall = min(CANDIDATES, key=lambda c: sum(math.log(best_ns(c, case)) for case in cases))

    out()
    out("OpenBLAS core types, µs/step of a short probe (the least of the passes' medians); * = fastest")
    header = f"{'OPENBLAS_CORETYPE':18s} {'core name':11s}" + "".join(f" {case:>14s}" for case in cases)
    out(header)
    out("-" * len(header))
    for candidate in CANDIDATES:
        cells = []
        for case in cases:
            mark = "*" if choice[case] == candidate else " "
            cells.append(f" {best_ns(candidate, case) / 1e3:13.1f}{mark}")
        out(f"{candidate:18s} {corenames[candidate]:11s}" + "".join(cells))
    slowest = {case: max(best_ns(c, case) for c in CANDIDATES) for case in cases}
    out(f"{'slowest / fastest':30s}" + "".join(f" {slowest[case] / best_ns(choice[case], case):13.2f}×"
                                              for case in cases))
    out(f"each case runs on its fastest; the best single choice would be {overall} ({corenames[overall]})"
        + ("" if all(choice[case] == overall for case in cases) else ", not the fastest for every case"))
    out()
    return choice, corenames
