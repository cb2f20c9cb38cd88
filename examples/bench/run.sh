#!/usr/bin/env bash
# The benchmark suite of issue 11, both sides in one run: PyTorch's best OpenBLAS core type for each case
# (every candidate probed), then chainrule's JMH suite (a JVM per run, the machine's FMA peak among them) and
# the same cases in PyTorch in alternating rounds, then the table of ratios. About 12 minutes on 2 cores.
#
#   examples/bench/run.sh                     # build the jar if needed, 3 rounds
#   examples/bench/run.sh --quick             # a smoke test, about 5 minutes; numbers not to be quoted
#   examples/bench/run.sh --programs          # also the whole programs xor-nn and mnist-nn (~15 more minutes)
#   examples/bench/run.sh --programs-only     # only them
#   examples/bench/run.sh --coretype SkylakeX # no probing: one core type for every case
#   examples/bench/run.sh --rounds 5 --json examples/target/bench/all.json
#
# Needs Java 17 and Maven, and PyTorch on Debian's python, with torch on OpenBLAS:
#   apt-get install -y python3-torch libopenblas0-pthread
#   update-alternatives --display libblas.so.3-x86_64-linux-gnu    # should point to openblas-pthread
# Everything goes to the terminal; chainrule's own output to examples/target/bench/chainrule.log, the whole
# programs' to examples/target/bench/programs.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=examples/target/chainrule-examples.jar
if [[ ! -f "$jar" || -n "${REBUILD:-}" ]]; then
  # package, never install: the build stays inside this checkout
  mvn -B -q package -DskipTests -pl processor,examples -am   # not spark/: the suite needs no Spark
fi
mkdir -p examples/target/bench
# OpenBLAS reads these when torch loads it; torch_bench.py sets them itself for each process it starts, so a
# value exported in the calling shell must not leak in.
exec env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 \
  /usr/bin/python3 examples/bench/torch_bench.py --chainrule-jar "$jar" \
  --log examples/target/bench/chainrule.log "$@"
