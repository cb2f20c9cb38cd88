#!/usr/bin/python3
"""chainrule's benchmark suite against PyTorch at its best (issue 11): the ratio table.

What it does, in order:
 1. names the CPU (/proc/cpuinfo: model name, family/model, the vector extensions) and the software;
 2. picks PyTorch's best OpenBLAS core type for each case (coretype.py: every candidate probed in a fresh
    process, the fastest kept), unless --coretype names one;
 3. alternates rounds of chainrule's JMH suite (`java -jar chainrule-examples.jar bench`, a JVM per run,
    the machine's FMA peak among them) with rounds of PyTorch's (torch_steps.py, a process per core type);
 4. prints every case's µs/step, GFLOP/s, share of the peak, PyTorch's, the ratio and the goal, then
    2 threads against 1, xor against the hand-written step, and `first-step` if the jar has it;
 5. with --programs, times the whole lecture programs against their PyTorch scripts (programs.py).

PyTorch on a fresh Debian machine (torch 1.13 CPU, the OpenBLAS it runs its matrix products on):
    apt-get install -y python3-torch libopenblas0-pthread
PyTorch runs on one thread: torch.set_num_threads(1) and OPENBLAS_NUM_THREADS=1 (set_num_threads does not reach
OpenBLAS). OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are never inherited from the calling shell.

    examples/bench/run.sh [options]      # builds the jar first; the usual way
    /usr/bin/python3 examples/bench/torch_bench.py                  # PyTorch alone
    /usr/bin/python3 examples/bench/torch_bench.py --chainrule-jar examples/target/chainrule-examples.jar
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

import coretype
import programs
from torch_steps import CASES, architecture, flops

# Goals of issue 11, as the least speedup (PyTorch's time / chainrule's time) of each case.
GOALS = {"xor": 1000.0, "xor-wide-deep": 1000.0, "medium": 1.5, "large": 1.5, "mnist-nn": 1.5}
FLAGS = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16",
         "avx512_fp16", "amx_tile"]


def cpu():
    """Model name, family/model/stepping and the vector extensions, from /proc/cpuinfo (the first CPU)."""
    fields = {}
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                break
            key, _, value = line.partition(":")
            fields[key.strip()] = value.strip()
    flags = set(fields.get("flags", "").split())
    return (f"{fields.get('model name', '?')} (family {fields.get('cpu family', '?')}, model "
            f"{fields.get('model', '?')}, stepping {fields.get('stepping', '?')}), {os.cpu_count()} cores; "
            f"flags: {' '.join(f for f in FLAGS if f in flags)}")


def blas():
    """Where the system's libblas.so.3 (which Debian's torch loads) leads: it must be OpenBLAS."""
    link = "/usr/lib/x86_64-linux-gnu/libblas.so.3"
    return os.path.realpath(link) if os.path.exists(link) else f"{link} not found"


def java_version():
    result = subprocess.run(["java", "-version"], capture_output=True, text=True, check=True)
    return result.stderr.splitlines()[1] if len(result.stderr.splitlines()) > 1 else result.stderr.strip()


def jar_programs(jar):
    """The programs the jar lists in its usage message."""
    result = subprocess.run(["java", "-jar", jar], capture_output=True, text=True, check=False)
    for line in result.stderr.splitlines():
        if line.startswith("programs:"):
            return [p.strip() for p in line.split(":", 1)[1].split(",")]
    return []


def run_chainrule(jar, quick, log):
    """One round of chainrule's suite in JVMs of its own; returns {run id: run} from its JSON."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        path = f.name
    command = ["java", "-jar", jar, "bench", "--rounds", "1", "--json", path]
    if quick:
        command.append("--quick")
    subprocess.run(command, check=True, stdout=log, stderr=subprocess.STDOUT)
    with open(path, encoding="utf-8") as f:
        runs = json.load(f)["runs"]
    os.unlink(path)
    return {r["id"]: r for r in runs}


def run_torch(workers, choice, quick):
    """One round of PyTorch's side, each case on its core type's worker; returns {case: [ns per iteration]}."""
    warm_up_s, iterations, iteration_s = (1.0, 3, 0.3) if quick else (3.0, 5, 1.0)
    return {case: workers[candidate].measure(case, warm_up_s, iterations, iteration_s)
            for case, candidate in choice.items()}


def fmt_us(ns):
    return f"{ns / 1e3:.3f}" if ns < 1e5 else f"{ns / 1e3:.0f}"


def median(values):
    return statistics.median(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chainrule-jar", help="also run chainrule's suite from this jar, alternating rounds")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="short iterations, one probe pass: a smoke test")
    parser.add_argument("--coretype", default="auto",
                        help="OPENBLAS_CORETYPE for every case: 'auto' (default) probes the candidates and keeps "
                             "each case's fastest, 'unset' leaves the choice to OpenBLAS, else a core type name")
    parser.add_argument("--probe-passes", type=int, help="passes over the core types (default 2, 1 with --quick)")
    parser.add_argument("--programs", action="store_true",
                        help="also time the whole programs xor-nn and mnist-nn against PyTorch's (minutes)")
    parser.add_argument("--programs-only", action="store_true", help="only the whole programs (implies --programs)")
    parser.add_argument("--program-runs", type=int, default=3, help="counted turns of each whole program")
    parser.add_argument("--program", action="append", choices=["xor-nn", "mnist-nn"],
                        help="only this whole program (repeatable; default both)")
    parser.add_argument("--json", help="write all measurements here")
    parser.add_argument("--log", help="chainrule's own output goes here (default: a temporary file)")
    args = parser.parse_args()
    args.programs = args.programs or args.programs_only
    if args.programs and not args.chainrule_jar:
        parser.error("--programs needs --chainrule-jar")

    print(f"CPU: {cpu()}")
    print(f"Java: {java_version()}; Python {sys.version.split()[0]}; libblas.so.3 -> {blas()}")
    cases = list(CASES)
    if args.coretype == "auto":
        passes = args.probe_passes or (1 if args.quick else 2)
        choice, _ = coretype.choose(cases, passes, args.quick)
    else:
        choice = {case: args.coretype for case in cases}
    record = {"cpu": cpu(), "coretypes": choice}

    if not args.programs_only:
        torch_rounds = {case: [] for case in cases}
        chainrule_rounds = []
        # a PyTorch process per core type in use, kept across rounds (as a program's allocator stays warm)
        workers = {candidate: coretype.Worker(candidate) for candidate in sorted(set(choice.values()))}
        log = open(args.log, "w", encoding="utf-8") if args.log else tempfile.TemporaryFile("w+")
        for r in range(args.rounds):
            if args.chainrule_jar:
                print(f"round {r + 1}/{args.rounds}: chainrule (a JVM per run) ...", flush=True)
                chainrule_rounds.append(run_chainrule(args.chainrule_jar, args.quick, log))
            print(f"round {r + 1}/{args.rounds}: PyTorch ...", flush=True)
            ns = run_torch(workers, choice, args.quick)
            for case in cases:
                torch_rounds[case].append(ns[case])
                print(f"  {case:14s} {fmt_us(median(ns[case])):>12s} µs/step  ({choice[case]})", flush=True)
        for worker in workers.values():
            worker.close()
        first = next(iter(workers.values())).header
        # the configuration names the core type of the process it came from: the version is what they share
        print(f"\nPyTorch {first['torch']}, {first['threads']} thread, OpenBLAS {first['openblas'].split()[1]}, "
              f"GLIBC_TUNABLES={first['glibc_tunables']}")
        print("OPENBLAS_CORETYPE per case (core name): " + ", ".join(
            f"{case} {choice[case]} ({workers[choice[case]].header['corename']})" for case in cases))
        print()
        if args.chainrule_jar:
            report(torch_rounds, chainrule_rounds, choice)
        else:
            print(f"{'case':14s} {'PyTorch µs/step':>16s} {'GFLOP/s':>9s}")
            for case in cases:
                t = median([v for rnd in torch_rounds[case] for v in rnd])
                print(f"{case:14s} {fmt_us(t):>16s} {flops(case) / t:9.3f}")
        record.update({"torch": first["torch"], "openblas": first["openblas"],
                       "torch_rounds_ns": torch_rounds, "chainrule_rounds": chainrule_rounds})
        if args.chainrule_jar and "first-step" in jar_programs(args.chainrule_jar):
            record["first_step"] = first_step(args.chainrule_jar, args.quick)
        elif args.chainrule_jar:
            print("first-step: this jar has no first-step program (skipped)")

    if args.programs:
        print()
        log_path = os.path.join(os.path.dirname(args.log) if args.log else tempfile.gettempdir(), "programs.log")
        record["programs"] = programs.run(args.chainrule_jar, {"xor-nn": choice["xor"],
                                                               "mnist-nn": choice["mnist-nn"]},
                                          args.program_runs, 1, args.program, log_path)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(record, f, indent=1)
        print(f"wrote {args.json}")


def report(torch_rounds, chainrule_rounds, choice):
    def cr(run_id):
        """chainrule's iterations of run_id, by round."""
        return [rnd[run_id]["rounds_ns"][0] for rnd in chainrule_rounds if run_id in rnd]

    def cr_median(run_id):
        return median([t for rnd in cr(run_id) for t in rnd])

    def torch_median(case):
        return median([t for rnd in torch_rounds[case] for t in rnd])

    def round_ratio(a_rounds, b_rounds):
        """Median over rounds of median(a) / median(b)."""
        return median([median(a) / median(b) for a, b in zip(a_rounds, b_rounds)])

    def bytes_per_step(run_id):
        return median([rnd[run_id]["bytes_per_step"] for rnd in chainrule_rounds])

    peak_flops = chainrule_rounds[0]["peak"]["flops_per_step"] if "peak" in chainrule_rounds[0] else None

    def of_peak(case, rounds):
        """GFLOP/s as a share of the peak measured in the same round, median over rounds."""
        if peak_flops is None:
            return None
        return median([(flops(case) / median(t)) / (peak_flops / median(p)) for t, p in zip(rounds, cr("peak"))])

    def pct(value):
        return "-" if value is None else f"{value:.0%}"

    print("chainrule (1 thread, Vector API) against PyTorch 1.13 + OpenBLAS at its best core type (1 thread);")
    print("speedup = PyTorch's time / chainrule's, the median over rounds of each round's ratio; times are")
    print("medians over all iterations; % peak = GFLOP/s over the single-core FMA peak measured in the same round.")
    if peak_flops is not None:
        peak = peak_flops / cr_median("peak")
        rounds = [peak_flops / median(p) for p in cr("peak")]
        print(f"single-core FMA peak (PeakBenchmark): {peak:.1f} GFLOP/s (rounds: "
              f"{', '.join(f'{g:.1f}' for g in rounds)})")
    header = (f"{'case':14s} {'model':16s} {'rows':>4s} | {'chainrule µs':>12s} {'GFLOP/s':>8s} {'%peak':>5s} "
              f"{'B/step':>7s} | {'PyTorch µs':>11s} {'GFLOP/s':>8s} {'%peak':>5s} {'core type':>10s} | "
              f"{'speedup':>8s}  goal")
    print(header)
    print("-" * len(header))
    for case in CASES:
        rows = CASES[case][3]
        t = torch_median(case)
        torch_part = (f"{fmt_us(t):>11s} {flops(case) / t:8.2f} {pct(of_peak(case, torch_rounds[case])):>5s} "
                      f"{choice[case]:>10s}")
        goal = GOALS[case]
        if cr(case):
            c = cr_median(case)
            speedup = round_ratio(torch_rounds[case], cr(case))
            verdict = "met" if speedup >= goal else f"not met: {speedup / goal:.0%} of it"
            print(f"{case:14s} {architecture(case):16s} {rows:4d} | {fmt_us(c):>12s} {flops(case) / c:8.2f} "
                  f"{pct(of_peak(case, cr(case))):>5s} {bytes_per_step(case):7.1f} | {torch_part} | "
                  f"{speedup:7.2f}×  >= {goal:g}×: {verdict}")
        else:
            print(f"{case:14s} {architecture(case):16s} {rows:4d} | {'(not in this jar)':>35s} | {torch_part} | "
                  f"{'-':>8s}  >= {goal:g}×: not measured")
    print()
    for run_id, note in (("medium-2t", "medium on 2 threads"), ("large-2t", "large on 2 threads"),
                         ("medium-scalar", "medium without the Vector API"),
                         ("large-scalar", "large without the Vector API")):
        if cr(run_id):
            base = run_id.split("-")[0]
            c = cr_median(run_id)
            print(f"{note:32s} {fmt_us(c):>10s} µs/step {flops(base) / c:8.2f} GFLOP/s, "
                  f"{round_ratio(torch_rounds[base], cr(run_id)):6.2f}× PyTorch's speed (1 thread)")
    if cr("large-2t"):
        speedup = round_ratio(cr("large"), cr("large-2t"))
        print(f"large, 2-thread speed / 1-thread speed: {speedup:.2f}   goal >= 1.7: "
              f"{'met' if speedup >= 1.7 else 'not met'}")
    if cr("large") and peak_flops is not None:
        share = of_peak("large", cr("large"))
        print(f"large, share of the FMA peak: {share:.1%}   goal >= 80%: {'met' if share >= 0.8 else 'not met'}")
    if cr("xor-hand"):
        ratio = round_ratio(cr("xor"), cr("xor-hand"))
        print(f"xor, generated step / hand-written Java step (time): {ratio:.3f}   goal <= 1.05: "
              f"{'met' if ratio <= 1.05 else 'not met'}")
    if cr("xor"):
        print(f"xor, bytes allocated per step: {bytes_per_step('xor'):.3f}   goal 0: "
              f"{'met' if bytes_per_step('xor') < 0.5 else 'not met'} (StepAllocationTest asserts exactly 0)")


def first_step(jar, quick):
    """users' `first-step` program: large's create + first step in fresh JVMs, as it prints it."""
    runs = 2 if quick else 5
    print(f"\nfirst-step ({runs} fresh JVMs each, with and without the Vector API):", flush=True)
    result = subprocess.run(["java", "-jar", jar, "first-step", "--runs", str(runs), "--steps", "1"],
                            capture_output=True, text=True, check=True)
    lines = [line for line in result.stdout.splitlines() if not re.match(r"\s*run \d", line)]
    for line in lines:
        print("  " + line)
    # the row of the Vector API JVMs: "yes", then the median of create + step 1 in ms
    for line in lines:
        match = re.match(r"\s*yes\s+([0-9.]+)", line)
        if match:
            seconds = float(match.group(1)) / 1e3
            print(f"large, create + first step (Vector API): {seconds:.3f} s   goal < 0.3 s: "
                  f"{'met' if seconds < 0.3 else 'not met'}")
    return result.stdout


if __name__ == "__main__":
    sys.exit(main())
