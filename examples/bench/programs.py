"""Whole programs, end to end: chainrule's lecture programs against the PyTorch scripts that do the same.

Each command is timed from outside, from its start to its exit (JVM or interpreter start-up, data loading and
the final test included): wall seconds by a monotonic clock, CPU seconds (user + system) from the operating
system's accounting of the finished child (os.wait4). The commands of a program run in turn, A B A B ...,
after one warm-up turn that is not counted (it fills the file cache), so that a slow spell of a shared
machine falls on all of them alike; a ratio is taken turn by turn, then the median.

- xor-nn (lab-08_2, 10,001 steps on the XOR table): `java -jar chainrule-examples.jar xor-nn` against
  programs/lab08_xor_nn.py (the lecture's notebook as a script, one thread);
- mnist-nn (lab-09_2, 15 epochs of Fashion-MNIST, batches of 100, Adam): `java -jar chainrule-examples.jar
  mnist-nn`, as a user types it (the scalar matrix products) and with `--add-modules jdk.incubator.vector`
  (the fast ones), against reference/lab09/mnist_nn.py (one thread; its trace goes to a temporary directory).
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

from torch_steps import environment

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def programs(jar, coretypes, trace_dir):
    """{program: [(label, command, environment)]}; the PyTorch command last, the yardstick."""
    python = sys.executable
    java = ["java", "-jar", jar]
    vector = ["java", "--add-modules", "jdk.incubator.vector", "-jar", jar]
    return {
        "xor-nn": [
            ("chainrule, java -jar", java + ["xor-nn"], None),
            (f"PyTorch ({coretypes['xor-nn']})", [python, os.path.join(HERE, "programs", "lab08_xor_nn.py"), "1"],
             environment(os.environ, coretypes["xor-nn"])),
        ],
        "mnist-nn": [
            ("chainrule, java -jar", java + ["mnist-nn"], None),
            ("chainrule, Vector API", vector + ["mnist-nn"], None),
            (f"PyTorch ({coretypes['mnist-nn']})",
             [python, os.path.join(REPO, "reference", "lab09", "mnist_nn.py"), "--trace-dir", trace_dir],
             environment(os.environ, coretypes["mnist-nn"])),
        ],
    }


def time_once(command, env, log):
    """(wall s, cpu s) of one run of command from the repository root; fails if it fails."""
    log.write(f"$ {' '.join(command)}\n")
    log.flush()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=REPO)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited with {process.returncode}: see {log.name}")
    return wall, usage.ru_utime + usage.ru_stime


def spread(values):
    return f"{statistics.median(values):8.2f} [{min(values):.2f}, {max(values):.2f}]"


def run(jar, coretypes, runs, warm_up, only, log_path, out=print):
    """Times the programs; prints their table; returns {program: {label: [(wall, cpu)]}}."""
    results = {}
    os.makedirs(os.path.dirname(os.path.abspath(log_path)), exist_ok=True)
    with tempfile.TemporaryDirectory() as trace_dir, open(log_path, "w", encoding="utf-8") as log:
        for program, commands in programs(jar, coretypes, trace_dir).items():
            if only and program not in only:
                continue
            out(f"whole program {program}: {len(commands)} commands in turn, {warm_up} warm-up + {runs} "
                f"counted turns", flush=True)
            times = {label: [] for label, _, _ in commands}
            for turn in range(warm_up + runs):
                for label, command, env in commands:
                    wall, cpu = time_once(command, env, log)
                    if turn >= warm_up:
                        times[label].append((wall, cpu))
                    out(f"  {'warm-up' if turn < warm_up else f'turn {turn - warm_up + 1}'}  {label:24s} "
                        f"{wall:8.2f} s wall {cpu:8.2f} s cpu", flush=True)
            results[program] = times
    out()
    out("Whole programs, start to exit: median [min, max] over the turns; ratio = PyTorch's time / this")
    out("command's, turn by turn, median (> 1: chainrule faster)")
    header = f"{'program':9s} {'command':24s} {'wall s':>23s} {'cpu s':>23s} {'wall ratio':>10s} {'cpu ratio':>9s}"
    out(header)
    out("-" * len(header))
    for program, times in results.items():
        labels = list(times)
        yardstick = times[labels[-1]]
        for label in labels:
            walls = [w for w, _ in times[label]]
            cpus = [c for _, c in times[label]]
            ratio = statistics.median(y[0] / t[0] for y, t in zip(yardstick, times[label]))
            cpu_ratio = statistics.median(y[1] / t[1] for y, t in zip(yardstick, times[label]))
            out(f"{program:9s} {label:24s} {spread(walls):>23s} {spread(cpus):>23s} {ratio:9.2f}× {cpu_ratio:8.2f}×")
    out(f"(the programs' own output: {log_path})")
    return results
