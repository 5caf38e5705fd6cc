#!/usr/bin/env bash
# Runs every scenario in scenarios/ through the binary, as an analyst would; the files it
# writes are read back by e2e.readback_cpp and e2e.readback_python. Under the sanitizers
# (ECOSIM_TEST_SHORT, set by their test presets) the runs are two years: the same code, fewer months.
set -euo pipefail
ecosim=$1 scenarios=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
count=0
for scenario in "$scenarios"/*.toml; do
  name=$(basename "$scenario" .toml)
  "$ecosim" check "$scenario"
  "$ecosim" run "$scenario" -o "$out/$name.h5" --quiet ${ECOSIM_TEST_SHORT:+--steps 24}
  [ -f "$out/$name.h5" ] || { echo "FAIL: $scenario wrote no $out/$name.h5"; exit 1; }
  [ ! -e "$out/$name.h5.partial" ] || { echo "FAIL: $scenario left a .partial file"; exit 1; }
  count=$((count + 1))
done
[ "$count" -gt 0 ] || { echo "FAIL: no scenarios in $scenarios"; exit 1; }
echo "ran $count scenarios into $out"
