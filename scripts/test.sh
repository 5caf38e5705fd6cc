#!/usr/bin/env bash
# Every test, as CI runs them (the README's test command):
#   1. the release build: GoogleTest units, end-to-end runs of every scenario, read-back from C++
#      and Python (pytest on the CMake cache's ECOSIM_PYTHON, /usr/bin/python3 by default), CLI,
#      hostile input, kill-and-resume, sweeps
#      (local, MPI, Slurm), thread determinism;
#   2. the same suite under AddressSanitizer + UndefinedBehaviorSanitizer (preset debug);
#   3. the same suite under ThreadSanitizer (preset tsan), oneTBB running the phases in parallel;
#   4. libFuzzer on the scenario loader and the sweep parser, ECOSIM_FUZZ_SECONDS each (60).
# Under the sanitizers the tests labelled `source` (formatting, the layer probes: they check
# source files, not running code), `analysis` (the Python analysis package's tests: Python
# code, checked in the release stage) and `package` (cmake --install and the .deb: users install
# the release build) are left out. `scripts/test.sh release` runs stage 1 alone.
set -euo pipefail
cd "$(dirname "$0")/.."
only=${1:-all}
case $only in all | release) ;; *) echo "usage: scripts/test.sh [all|release]" >&2; exit 2 ;; esac
# What the test stages need beyond building ecosim (scripts/setup.sh --test), installed once.
if ! { command -v clang && command -v llvm-symbolizer && command -v clang-format && command -v black &&
  command -v sbatch && command -v munged && command -v chromium && command -v chromedriver &&
  command -v man && command -v file && dpkg -s libclang-rt-dev &&
  /usr/bin/python3 -c 'import pytest, selenium'; } > /dev/null 2>&1; then  # Debian's, in its python3
  ./scripts/setup.sh --test
fi

# preset NAME ROUNDS [LABELS]: configure, build and test one preset, leaving out the tests
# whose label matches LABELS. The unit tests run ROUNDS times over (ctest's --repeat
# until-fail), in parallel: tests that shared a file would collide in one of the rounds. Three
# rounds in the release stage, where they are cheapest; once under each sanitizer, which looks
# for memory and thread errors in the same tests (a collision is the same there), to keep CI
# under 30 minutes. The others (`model`: the causal map's channel ablations; end-to-end,
# Python, source) run once.
preset() {
  local name=$1 rounds=$2 leave_out=${3:-}
  echo "== $name: build and test"
  local start=$SECONDS
  cmake --preset "$name" > /dev/null
  cmake --build --preset "$name"
  # --timeout: a test that hangs fails in 15 minutes instead of holding CI to its limit (one
  # once waited 10 minutes on a run that a lost signal left running).
  ctest --preset "$name" -j "$(nproc)" --timeout 900 -L unit --repeat "until-fail:$rounds"
  ctest --preset "$name" -j "$(nproc)" --timeout 900 -LE "^(unit${leave_out:+|$leave_out})\$"
  echo "== $name: $((SECONDS - start)) s"
}

preset release 3
[ "$only" = release ] && exit 0
preset debug 1 "source|analysis|package"
./scripts/tsan-tbb.sh
export TSAN_OPTIONS="suppressions=$PWD/scripts/tsan.supp halt_on_error=1 second_deadlock_stack=1"
preset tsan 1 "source|analysis|package"
echo "== fuzz"
./scripts/fuzz.sh "${ECOSIM_FUZZ_SECONDS:-60}"
