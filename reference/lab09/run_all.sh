#!/usr/bin/env bash
# Runs every lab-09 reference script once, one after the other, and prints the wall-clock and CPU time
# (user + system) each took. Traces go to examples/src/test/resources/reference/lab09/.
# Run from anywhere: reference/lab09/run_all.sh [data-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${1:-data/fashion-mnist}
for run in mnist_softmax.py mnist_nn.py mnist_nn_xavier.py mnist_nn_deep.py "mnist_nn_deep.py --notebook master" \
           mnist_nn_dropout.py mnist_batchnorm.py mnist_backprop.py; do
  # shellcheck disable=SC2086 # $run holds a script and its options
  /usr/bin/time -f "%e %U %S %M" -o /tmp/lab09_time.$$ /usr/bin/python3 reference/lab09/$run --data "$data" > /dev/null
  read -r wall user sys kb < /tmp/lab09_time.$$
  printf '%-36s wall %7.1f s   cpu %7.1f s   max rss %5d MB\n' "$run" "$wall" "$(echo "$user + $sys" | bc)" "$((kb / 1024))"
done
rm -f /tmp/lab09_time.$$
