#!/usr/bin/env bash
# The benchmark suite of issue 4, both sides in one run: chainrule's JMH suite (a JVM per run) and the same
# cases in PyTorch, in alternating rounds, then the table of ratios. About 6 minutes on 2 cores.
#
#   examples/bench/run.sh                 # build the jar if needed, 3 rounds
#   examples/bench/run.sh --quick         # a smoke test, about 3 minutes
#   examples/bench/run.sh --rounds 5 --json examples/target/bench/all.json
#
# Needs Java 17 and Maven, and PyTorch on Debian's python:
#   apt-get install -y python3-torch libopenblas0-pthread
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=examples/target/chainrule-examples.jar
if [[ ! -f "$jar" || -n "${REBUILD:-}" ]]; then
  mvn -B -q install -DskipTests
fi
mkdir -p examples/target/bench
# OpenBLAS picks its kernels at load: unset what would pin them, for this command alone.
exec env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 \
  /usr/bin/python3 examples/bench/torch_bench.py --chainrule-jar "$jar" \
  --log examples/target/bench/chainrule.log "$@"
