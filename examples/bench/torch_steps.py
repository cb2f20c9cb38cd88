#!/usr/bin/python3
"""PyTorch's side of the suite's cases, timed in a process of its own (one OpenBLAS core type per process).

OpenBLAS reads OPENBLAS_CORETYPE once, when torch loads it, so each core type needs a process of its own: the
coordinator (torch_bench.py, through coretype.Worker) starts this script once per core type and sends it
requests on stdin (one case at a time), so that the core types' measurements can be interleaved in time;
with --json it measures --cases once and writes the result there.

Each case is a whole training step, full batch, as chainrule's `bench` measures it (StepBenchmark):
    optimizer.zero_grad(); loss = criterion(model(x), y); loss.backward(); optimizer.step()
on an nn.Sequential of Linear layers built after torch.manual_seed(777) (PyTorch's default initialisation):
  - xor, xor-wide-deep: Sigmoid between the layers and at the output, BCELoss, SGD(lr=1), the XOR table;
  - medium, large: ReLU between the layers, Sigmoid at the output, BCELoss, SGD(lr=0.01);
  - mnist-nn (lab-09_2's network): 784-256-256-10, ReLU between, CrossEntropyLoss on int64 labels i % 10,
    Adam(lr=0.001), 100 rows.
Inputs are uniform in [0, 1) and binary targets 0/1, drawn by java.util.Random exactly as Case.x()/y() draw
them on the Java side (seed 777 for x, 778 for y), so both sides run on the same numbers.

Time per step is the mean over ~iteration_s of steps, for each measurement iteration, after warm_up_s of
steps: what JMH does on the Java side. One thread: torch.set_num_threads(1), OPENBLAS_NUM_THREADS=1.

    /usr/bin/python3 examples/bench/torch_steps.py --coretype SkylakeX --cases medium,large --json out.json
    echo '{"case": "large", "warm_up": 1, "iterations": 3, "iteration": 0.3}' \
      | /usr/bin/python3 examples/bench/torch_steps.py --coretype SkylakeX
"""
import argparse
import ctypes
import json
import os
import sys
import time

# OpenBLAS picks its kernels when torch loads it: set the environment before `import torch` (in main).
THREAD_VARIABLES = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}


# glibc's malloc serves a block of 128 kB or more (a large case's activations and gradients) with a fresh mmap,
# and gives freed memory at the top of the heap back to the system: each step's tensors may then cost page
# faults, as many as the process's history leaves. On this kind of virtual machine, with glibc's defaults
# against these settings: medium 1.1–1.2 ms against 0.74–0.77, large 27–29 ms against 23, mnist-nn anything
# from no difference to 1.7–2.4 ms against 1.1–1.3. Keeping the memory, as PyTorch's own caching allocators
# do on GPUs, is PyTorch at its best; it takes both settings (either alone made mnist-nn slower, 2.5–2.8 ms).
# glibc reads them when the process starts (see main). BENCHMARKS.md has the measurements.
MALLOC_TUNABLES = "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=2147483647"


def environment(base, coretype):
    """A PyTorch process's environment: one thread, the chosen OpenBLAS core type ('unset': OpenBLAS's own
    pick), malloc keeping its memory (MALLOC_TUNABLES), and never an OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE or
    GLIBC_TUNABLES inherited from the calling shell."""
    env = {k: v for k, v in base.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "GLIBC_TUNABLES")}
    if coretype != "unset":
        env["OPENBLAS_CORETYPE"] = coretype
    env.update(THREAD_VARIABLES)
    env["GLIBC_TUNABLES"] = MALLOC_TUNABLES
    return env

SEED = 777

# id: (sizes, hidden activation, output activation, rows, loss, optimizer, learning rate),
# as chainrule.examples.bench.Case
CASES = {
    "xor": ([2, 2, 1], "Sigmoid", "Sigmoid", 4, "BCELoss", "SGD", 1.0),
    "xor-wide-deep": ([2, 10, 10, 10, 1], "Sigmoid", "Sigmoid", 4, "BCELoss", "SGD", 1.0),
    "medium": ([64, 256, 256, 1], "ReLU", "Sigmoid", 256, "BCELoss", "SGD", 0.01),
    "large": ([512, 1024, 1024, 1], "ReLU", "Sigmoid", 512, "BCELoss", "SGD", 0.01),
    "mnist-nn": ([784, 256, 256, 10], "ReLU", None, 100, "CrossEntropyLoss", "Adam", 0.001),
}


def flops(case):
    """6 × rows × Σ in·out a step: 2 per multiply-add forward, 4 backward (Case.flops())."""
    sizes, _, _, rows, _, _, _ = CASES[case]
    return 6 * rows * sum(a * b for a, b in zip(sizes, sizes[1:]))


def architecture(case):
    return "-".join(str(s) for s in CASES[case][0])


class JavaRandom:
    """java.util.Random's 48-bit linear congruential generator: nextFloat and nextBoolean, bit for bit."""
    MULTIPLIER = 0x5DEECE66D
    MASK = (1 << 48) - 1

    def __init__(self, seed):
        self.seed = (seed ^ self.MULTIPLIER) & self.MASK

    def next(self, bits):
        self.seed = (self.seed * self.MULTIPLIER + 0xB) & self.MASK
        return self.seed >> (48 - bits)

    def next_float(self):
        return self.next(24) / float(1 << 24)

    def next_boolean(self):
        return self.next(1) != 0


# new java.util.Random(777).nextFloat() on Java 17, as Float.toHexString prints it: the copy must agree
assert JavaRandom(SEED).next_float() == float.fromhex("0x1.6a19e2p-1"), "JavaRandom differs from java.util.Random"


def make_step(torch, case):
    sizes, hidden, output, rows, loss, optimizer_name, lr = CASES[case]
    torch.manual_seed(SEED)
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        layers.append(torch.nn.Linear(n_in, n_out))
        activation = hidden if i + 2 < len(sizes) else output
        if activation:
            layers.append(getattr(torch.nn, activation)())
    model = torch.nn.Sequential(*layers)
    if case.startswith("xor"):
        x = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
        y = torch.tensor([[0.0], [1.0], [1.0], [0.0]])
    else:
        random = JavaRandom(SEED)
        x = torch.tensor([random.next_float() for _ in range(rows * sizes[0])]).reshape(rows, sizes[0])
        if loss == "CrossEntropyLoss":
            y = torch.arange(rows, dtype=torch.int64) % sizes[-1]
        else:
            random = JavaRandom(SEED + 1)
            y = torch.tensor([[1.0 if random.next_boolean() else 0.0] for _ in range(rows)])
    criterion = getattr(torch.nn, loss)()
    optimizer = getattr(torch.optim, optimizer_name)(model.parameters(), lr=lr)

    def step():
        optimizer.zero_grad()
        cost = criterion(model(x), y)
        cost.backward()
        optimizer.step()

    return step


def measure(step, warm_up_s, iterations, iteration_s):
    """Mean ns per step of each measurement iteration, after warm-up."""
    end = time.perf_counter() + warm_up_s
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


def openblas():
    """(core name, configuration) of the OpenBLAS that torch loaded, or an error naming what to install."""
    blas = ctypes.CDLL("libblas.so.3")
    try:
        blas.openblas_get_corename.restype = ctypes.c_char_p
        blas.openblas_get_config.restype = ctypes.c_char_p
    except AttributeError:
        raise SystemExit("torch's libblas.so.3 is not OpenBLAS (the core type cannot be chosen): "
                         "apt-get install -y libopenblas0-pthread, then check "
                         "update-alternatives --display libblas.so.3-x86_64-linux-gnu")
    return blas.openblas_get_corename().decode(), blas.openblas_get_config().decode()


def serve(torch, header):
    """Answers requests, one JSON line each on stdin ({"case", "warm_up", "iterations", "iteration"}), with one
    JSON line on stdout ({"ns": [...]}), until stdin closes. The steps stay built between requests, so that
    a case's later rounds run on a warm allocator, as JMH's forks do within theirs."""
    steps = {}
    print(json.dumps(header), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        case = request["case"]
        if case not in CASES:
            raise SystemExit(f"expected a case among {', '.join(CASES)}, got {case}")
        if case not in steps:
            steps[case] = make_step(torch, case)
        ns = measure(steps[case], request["warm_up"], request["iterations"], request["iteration"])
        print(json.dumps({"ns": ns}), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--coretype", default="unset",
                        help="OPENBLAS_CORETYPE for this process ('unset': OpenBLAS's own pick)")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated case ids")
    parser.add_argument("--warm-up", type=float, default=3.0, help="seconds of warm-up steps per case")
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--iteration", type=float, default=1.0, help="seconds per measurement iteration")
    parser.add_argument("--json", help="write the results here (else: serve requests on stdin, see serve)")
    args = parser.parse_args()
    cases = args.cases.split(",")
    for case in cases:
        if case not in CASES:
            parser.error(f"--cases: expected some of {', '.join(CASES)}, got {case}")

    # the shell may export OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE: never inherit them silently
    env = environment(os.environ, args.coretype)
    if os.environ.get("GLIBC_TUNABLES") != env["GLIBC_TUNABLES"] and "CHAINRULE_TORCH_RESTARTED" not in os.environ:
        # glibc has read its tunables already, at this process's start: start again with them (once: a glibc
        # that drops them would otherwise restart it for ever)
        os.execve(sys.executable, [sys.executable] + sys.argv, dict(env, CHAINRULE_TORCH_RESTARTED="1"))
    os.environ.clear()
    os.environ.update(env)
    import torch  # noqa: E402 (after the environment is set)

    torch.set_num_threads(1)
    corename, config = openblas()
    header = {"coretype": args.coretype, "corename": corename, "openblas": config, "torch": torch.__version__,
              "threads": torch.get_num_threads(), "glibc_tunables": os.environ.get("GLIBC_TUNABLES")}
    if args.json is None:
        serve(torch, header)
        return
    results = {}
    for case in cases:
        results[case] = measure(make_step(torch, case), args.warm_up, args.iterations, args.iteration)
    with open(args.json, "w", encoding="utf-8") as f:
        json.dump(dict(header, ns=results), f)


if __name__ == "__main__":
    sys.exit(main())
