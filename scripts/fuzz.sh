#!/usr/bin/env bash
# Fuzzes the scenario loader (with --set overrides) and the sweep file parser with libFuzzer
# (clang, ASan+UBSan: the `fuzz` preset), each for SECONDS (default 60), seeded with scenarios/,
# the sweep files and every input that once crashed (tests/data/fuzz/). Prints executions per
# second and in total. A crash, leak or timeout stops with exit 1; its input is copied to
# tests/data/fuzz/TARGET/, where the unit test FuzzRegressions replays it from then on.
#   scripts/fuzz.sh [SECONDS]       e.g. scripts/fuzz.sh 3600 for a long local run
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
cmake --preset fuzz > /dev/null
cmake --build --preset fuzz
declare -A seeds=(
  [scenario]="scenarios tests/data/bad_scenarios tests/data/compose tests/data/small.toml"
  [sweep]="scenarios/sweeps tests/data/sweeps"
)
status=0
for target in scenario sweep; do
  corpus=build/fuzz/corpus/$target crashes=build/fuzz/crashes/$target
  mkdir -p "$corpus" "$crashes" build/fuzz/seeds/$target
  # Seed files, flat (libFuzzer reads folders), with the inputs that once crashed.
  find ${seeds[$target]} tests/data/fuzz/$target -type f -name '*' -exec cp {} build/fuzz/seeds/$target/ \;
  log=build/fuzz/$target.log
  if ./build/fuzz/fuzz_$target "$corpus" "build/fuzz/seeds/$target" -max_total_time="$seconds" \
      -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
      -artifact_prefix="$crashes/" > "$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$')
    echo "fuzz $target: ${runs:-?} executions in ${seconds} s (${speed:-?}/s), no crash"
  else
    status=1
    echo "fuzz $target: FAILED; the last lines of $log:"
    tail -30 "$log"
    for input in "$crashes"/*; do
      [ -f "$input" ] || continue
      cp "$input" "tests/data/fuzz/$target/"
      echo "fuzz $target: $input copied to tests/data/fuzz/$target/ (a regression test from now on)"
    done
  fi
done
exit $status
