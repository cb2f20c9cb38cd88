#!/usr/bin/env bash
# Runs every lab-09 program of the examples jar full length, one after the other, on one thread each, and
# writes what each printed to examples/target/lab09/<program>.out. Then prints a summary: per program the
# wall time and the last lines chainrule printed beside the last lines of PyTorch's run of the same notebook
# (examples/src/test/resources/reference/lab09/<program>.out, written by reference/lab09/run_all.sh).
#
# Build the jar first (mvn -B -q package -DskipTests), then, from anywhere:
#   examples/lab09/run_all.sh [--data DIR] [program ...]
# With no programs it runs all eight (about 25 minutes on a shared 2-core machine). --data DIR runs them on
# real MNIST; the PyTorch column then no longer applies (its .out files are for Fashion-MNIST).
set -euo pipefail
cd "$(dirname "$0")/../.."

data=()
if [[ ${1:-} == --data ]]; then
  data=(--data "$2")
  shift 2
fi
programs=("$@")
if [[ ${#programs[@]} -eq 0 ]]; then
  programs=(mnist-softmax mnist-nn mnist-nn-xavier mnist-nn-deep mnist-nn-dropout mnist-batchnorm mnist-backprop
            compare-mnist)
fi

jar=${JAR:-examples/target/chainrule-examples.jar}
if [[ ! -f $jar ]]; then
  echo "no $jar: build it first (mvn -B -q package -DskipTests)" >&2
  exit 1
fi
out=examples/target/lab09
torch=examples/src/test/resources/reference/lab09
mkdir -p "$out"

# The lines worth comparing: the last epoch's cost (or the batch-norm notebook's last TRAIN/VALID pair), and
# what follows "Learning finished"; for the backprop and the comparison, their last four lines.
last_lines() {
  local file=$1
  if [[ ! -f $file ]]; then
    echo "(no $file)"
  elif grep -q '^\[Epoch' "$file"; then
    grep '^\[Epoch' "$file" | tail -n 2
  elif grep -q '^Epoch:' "$file"; then
    grep '^Epoch:' "$file" | tail -n 1
    sed -n '/^Learning finished/,$p' "$file" | sed 1d
  else
    grep -v '^$' "$file" | tail -n 4
  fi
}

declare -A seconds
for program in "${programs[@]}"; do
  echo "running $program ..." >&2
  start=$(date +%s.%N)
  java --add-modules jdk.incubator.vector -jar "$jar" "$program" "${data[@]}" > "$out/$program.out" 2> "$out/$program.err"
  seconds[$program]=$(echo "$(date +%s.%N) - $start" | bc)
done

for program in "${programs[@]}"; do
  printf '\n=== %s (chainrule: %.0f s wall)\n' "$program" "${seconds[$program]}"
  paste -d '\n' <(last_lines "$out/$program.out" | sed 's/^/chainrule  /') \
                <(last_lines "$torch/$program.out" | sed 's/^/PyTorch    /') | grep -v '^$'
done
