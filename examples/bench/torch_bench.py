#!/usr/bin/python3
"""PyTorch's side of chainrule's benchmark suite (issue 4): the same four cases, one thread, and the ratios.

Each case is a whole training step, full batch, as chainrule's `bench` measures it (StepBenchmark):
    opt.zero_grad(); loss = BCELoss()(model(x), y); loss.backward(); opt.step()
on an nn.Sequential of Linear layers (Sigmoid between them for the xor cases, ReLU with a Sigmoid output for
medium and large), torch.manual_seed(777), SGD. Time per step is the median over measurement iterations of
the mean over ~1 s of steps, after ~3 s of warm-up: what JMH does on the Java side.

Setup on a fresh Debian machine (torch 1.13 CPU, the OpenBLAS it runs its matrix products on):
    apt-get install -y python3-torch libopenblas0-pthread
PyTorch runs on one thread: torch.set_num_threads(1) for its own kernels and OPENBLAS_NUM_THREADS=1 for
OpenBLAS's (torch.set_num_threads does not reach OpenBLAS). OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are
removed from the environment before torch loads, so that OpenBLAS picks its best kernels for the CPU.

Usage:
    /usr/bin/python3 examples/bench/torch_bench.py                      # PyTorch alone
    /usr/bin/python3 examples/bench/torch_bench.py --chainrule-jar examples/target/chainrule-examples.jar
        # rounds alternating chainrule's suite (a JVM per run) with PyTorch's, then the side-by-side table
examples/bench/run.sh does the second, after building the jar.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

# Before torch loads OpenBLAS: one thread, and its own choice of kernels for this CPU.
for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
    os.environ.pop(name, None)
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"

import torch  # noqa: E402

SEED = 777

# id: (sizes, hidden activation, rows, learning rate), as chainrule.examples.bench.Case
CASES = {
    "xor": ([2, 2, 1], torch.nn.Sigmoid, 4, 1.0),
    "xor-wide-deep": ([2, 10, 10, 10, 1], torch.nn.Sigmoid, 4, 1.0),
    "medium": ([64, 256, 256, 1], torch.nn.ReLU, 256, 0.01),
    "large": ([512, 1024, 1024, 1], torch.nn.ReLU, 512, 0.01),
}

# Goals of issue 4: the least speedup (PyTorch time / chainrule time) for each case.
GOALS = {"xor": 1000.0, "xor-wide-deep": 1000.0, "medium": 1.0, "large": 1.0}


def flops(case):
    sizes, _, rows, _ = CASES[case]
    return 6 * rows * sum(a * b for a, b in zip(sizes, sizes[1:]))


def make_step(case):
    sizes, activation, rows, lr = CASES[case]
    torch.manual_seed(SEED)
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        layers.append(torch.nn.Linear(n_in, n_out))
        layers.append(activation() if i + 2 < len(sizes) else torch.nn.Sigmoid())
    model = torch.nn.Sequential(*layers)
    if case.startswith("xor"):
        x = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
        y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
    else:
        x = torch.rand(rows, sizes[0])
        y = (torch.rand(rows, 1) > 0.5).float()
    criterion = torch.nn.BCELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)

    def step():
        optimizer.zero_grad()
        cost = criterion(model(x), y)
        cost.backward()
        optimizer.step()

    return step


def measure(step, warmup_s, iterations, iteration_s):
    """Mean ns per step of each measurement iteration, after warm-up."""
    end = time.perf_counter() + warmup_s
    while time.perf_counter() < end:
        step()
    means = []
    for _ in range(iterations):
        n = 0
        start = time.perf_counter_ns()
        deadline = start + iteration_s * 1e9
        while True:
            step()
            n += 1
            now = time.perf_counter_ns()
            if now >= deadline:
                break
        means.append((now - start) / n)
    return means


def run_chainrule(jar, only, quick, log):
    """One round of chainrule's suite in a JVM of its own; returns {run id: run} from its JSON."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        path = f.name
    command = ["java", "-jar", jar, "bench", "--rounds", "1", "--json", path]
    if only:
        command += ["--only", only]
    if quick:
        command.append("--quick")
    subprocess.run(command, check=True, stdout=log, stderr=subprocess.STDOUT)
    with open(path, encoding="utf-8") as f:
        runs = json.load(f)["runs"]
    os.unlink(path)
    return {r["id"]: r for r in runs}


def fmt_us(ns):
    return f"{ns / 1e3:.3f}" if ns < 1e5 else f"{ns / 1e3:.0f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chainrule-jar", help="also run chainrule's suite from this jar, alternating rounds")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="short iterations, for a smoke test")
    parser.add_argument("--json", help="write all measurements here")
    parser.add_argument("--log", help="chainrule's own output goes here (default: a temporary file)")
    args = parser.parse_args()

    torch.set_num_threads(1)
    warmup_s, iterations, iteration_s = (1.0, 3, 0.3) if args.quick else (3.0, 5, 1.0)
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread, OPENBLAS_NUM_THREADS="
          f"{os.environ['OPENBLAS_NUM_THREADS']}, OPENBLAS_CORETYPE unset; {os.cpu_count()} cores")
    steps = {case: make_step(case) for case in CASES}
    torch_rounds = {case: [] for case in CASES}
    chainrule_rounds = []
    log = open(args.log, "w", encoding="utf-8") if args.log else tempfile.TemporaryFile("w+")
    for r in range(args.rounds):
        if args.chainrule_jar:
            print(f"round {r + 1}/{args.rounds}: chainrule (a JVM per run) ...", flush=True)
            chainrule_rounds.append(run_chainrule(args.chainrule_jar, None, args.quick, log))
        print(f"round {r + 1}/{args.rounds}: PyTorch ...", flush=True)
        for case, step in steps.items():
            torch_rounds[case].append(measure(step, warmup_s, iterations, iteration_s))
            print(f"  {case:14s} {fmt_us(statistics.median(torch_rounds[case][-1])):>12s} µs/step", flush=True)

    def torch_median(case):
        return statistics.median([t for rnd in torch_rounds[case] for t in rnd])

    print()
    if not args.chainrule_jar:
        print(f"{'case':14s} {'PyTorch µs/step':>16s} {'GFLOP/s':>9s}")
        for case in CASES:
            t = torch_median(case)
            print(f"{case:14s} {fmt_us(t):>16s} {flops(case) / t:9.3f}")
    else:
        report(CASES, torch_rounds, chainrule_rounds, torch_median)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"torch": torch.__version__, "torch_rounds_ns": torch_rounds,
                       "chainrule_rounds": chainrule_rounds}, f, indent=1)
        print(f"wrote {args.json}")


def report(cases, torch_rounds, chainrule_rounds, torch_median):
    def cr(run_id):
        """chainrule's iterations of run_id, by round."""
        return [rnd[run_id]["rounds_ns"][0] for rnd in chainrule_rounds if run_id in rnd]

    def cr_median(run_id):
        return statistics.median([t for rnd in cr(run_id) for t in rnd])

    def round_ratio(a_rounds, b_rounds):
        """Median over rounds of median(a) / median(b)."""
        return statistics.median(statistics.median(a) / statistics.median(b) for a, b in zip(a_rounds, b_rounds))

    def bytes_per_step(run_id):
        return statistics.median(rnd[run_id]["bytes_per_step"] for rnd in chainrule_rounds)

    header = (f"{'case':14s} {'model':16s} {'rows':>4s} | {'chainrule µs':>12s} {'GFLOP/s':>8s} {'B/step':>7s} | "
              f"{'PyTorch µs':>11s} {'GFLOP/s':>8s} | {'speedup':>9s}  goal")
    print("chainrule (1 thread, Vector API) against PyTorch 1.13 + OpenBLAS (1 thread); speedup = PyTorch time /")
    print("chainrule time, the median over rounds of each round's ratio; times are medians over all iterations.")
    print(header)
    print("-" * len(header))
    sizes = {case: "-".join(str(s) for s in cases[case][0]) for case in cases}
    for case in cases:
        c = cr_median(case)
        t = torch_median(case)
        speedup = round_ratio(torch_rounds[case], cr(case))
        goal = GOALS[case]
        verdict = "met" if speedup >= goal else f"not met: {speedup / goal:.0%} of it"
        print(f"{case:14s} {sizes[case]:16s} {cases[case][2]:4d} | {fmt_us(c):>12s} {flops(case) / c:8.2f} "
              f"{bytes_per_step(case):7.1f} | {fmt_us(t):>11s} {flops(case) / t:8.2f} | "
              f"{speedup:8.1f}×  >= {goal:g}×: {verdict}")
    print()
    for run_id, note in (("medium-2t", "medium on 2 threads"), ("large-2t", "large on 2 threads"),
                         ("medium-scalar", "medium without the Vector API"),
                         ("large-scalar", "large without the Vector API")):
        if cr(run_id):
            base = run_id.split("-")[0]
            c = cr_median(run_id)
            print(f"{note:32s} {fmt_us(c):>10s} µs/step {flops(base) / c:8.2f} GFLOP/s, "
                  f"{round_ratio(torch_rounds[base], cr(run_id)):6.2f}× PyTorch's speed (1 thread)")
    if cr("xor-hand"):
        ratio = round_ratio(cr("xor"), cr("xor-hand"))
        print(f"xor, generated step / hand-written Java step (time): {ratio:.3f}   goal <= 1.10: "
              f"{'met' if ratio <= 1.10 else 'not met'}")
    print(f"xor, bytes allocated per step: {bytes_per_step('xor'):.3f}   goal 0: "
          f"{'met' if bytes_per_step('xor') < 0.5 else 'not met'} (StepAllocationTest asserts exactly 0)")
    if cr("large-2t"):
        speedup = round_ratio(cr("large"), cr("large-2t"))
        print(f"large, 2-thread speed / 1-thread speed: {speedup:.2f}   goal >= 1.6: "
              f"{'met' if speedup >= 1.6 else 'not met'}")


if __name__ == "__main__":
    sys.exit(main())
