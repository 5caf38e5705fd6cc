#!/usr/bin/env bash
# Where a run's time goes, function by function: perf (Debian's linux-perf) samples ecosim_bench
# at each size on one thread and lists the functions with at least 1% of the samples (inlined
# code counts for the function it was inlined into; a phase's loops are lambdas named after the
# function that runs them). bench/RESULTS.md ("Profile") reads these lists.
#   usage: bench/profile.sh [BUILD] [STEPS] [SIZES...]   (defaults: build/release 24 10^4..10^6)
set -euo pipefail
build=${1:-build/release}
steps=${2:-24}
shift $(($# < 2 ? $# : 2))
sizes=${*:-10000 100000 1000000}
command -v perf > /dev/null || { echo "profile.sh: perf not found (apt-get install linux-perf)" >&2; exit 1; }
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
for n in $sizes; do
  perf record -q -e cpu-clock -F 499 -o "$data/perf.data" "$build/ecosim_bench" "$n" "$steps" 1 \
    > "$data/bench.txt" 2> /dev/null
  echo "## $n firms, $steps months, 1 thread"
  echo
  tr ' ' '\n' < "$data/bench.txt" | grep -E '^(step_ms|recording_share|[a-z]+_ms)=' | tr '\n' ' '
  echo
  echo
  # A loop run by oneTBB shows as a long template name around the lambda: named after the
  # function that owns the lambda.
  perf report -i "$data/perf.data" --no-children --sort symbol --percent-limit 1 --stdio 2> /dev/null |
    grep -E '^ +[0-9]' | sed -E 's/ +/ /g; s/\[\.\] //; s/^ //; s/ - - *$//' |
    sed -E 's/^([0-9.]+%) .*ecosim::(\(anonymous namespace\)::)?([A-Za-z_]+)\([^{]*::\{lambda.*/\1 \3 (its loop)/' |
    sed -E 's/^([0-9.]+%) ecosim::(\(anonymous namespace\)::)?/\1 /' | cut -c1-110
  echo
done
