#!/usr/bin/env bash
# Sweeps as researchers run them: on this machine, in shards (as Slurm array tasks), under MPI;
# the same index and bit-identical datasets every way; a failing run recorded while the others
# go on; resumed after deleting one run file and truncating another; bad sweep files refused
# with positioned errors and nothing written.
#   usage: sweep_test.sh ECOSIM ECOSIM_MPI_OR_EMPTY DATA_DIR OUT_DIR
set -uo pipefail
python=${ECOSIM_PYTHON:?the Python interpreter (ctest sets it from the CMake cache, ECOSIM_PYTHON)}
ecosim=$1 mpi=$2 data=$3 out=$4 faults=$5 # faults: ecosim with test hooks
sweep=$data/sweeps/grid.toml
same=$(dirname "$0")/same_sweeps.py
rm -rf "$out" && mkdir -p "$out"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
rows() { tail -n +2 "$1/index.csv" | wc -l; }
status_of() {
  "$python" -c 'import csv, sys; print(next(r["status"] for r in csv.DictReader(open(sys.argv[1])) if r["run"] == sys.argv[2]))' "$1/index.csv" "$2"
}

# Bad sweep files: one line per problem, FILE:LINE:COL, exit 2, nothing written.
"$ecosim" sweep "$data/sweeps/bad_key.toml" -o "$out/bad" 2> "$out/err"; code=$?
[ "$code" -eq 2 ] || fail "a bad key exited $code, expected 2"
grep -q 'bad_key.toml:5:7: parameter\[0\].key: unknown scenario key .*did you mean' "$out/err" ||
  fail "no positioned error for a bad key: $(cat "$out/err")"
"$ecosim" sweep "$data/sweeps/bad_value.toml" -o "$out/bad" 2> "$out/err"; code=$?
[ "$code" -eq 2 ] || fail "a bad value exited $code, expected 2"
grep -q 'bad_value.toml:5:1: region.0.firms: value -5 (point 1): out of range' "$out/err" ||
  fail "no positioned error for a bad value: $(cat "$out/err")"
"$ecosim" sweep "$data/sweeps/bad_design.toml" -o "$out/bad" 2> "$out/err"; code=$?
[ "$code" -eq 2 ] && grep -q "sweep.replicats: unknown key; did you mean 'replicates'" "$out/err" ||
  fail "no error for a misspelled sweep key: $(cat "$out/err")"
[ ! -e "$out/bad" ] || fail "a refused sweep wrote $out/bad"

# The example sweeps of scenarios/sweeps/ are valid at every point.
for example in "$data"/../../scenarios/sweeps/*.toml "$data"/../../scenarios/sweeps/robustness/*/*.toml; do
  "$ecosim" sweep "$example" --check > /dev/null 2> "$out/err" || fail "$example: $(cat "$out/err")"
done
# The robustness sweeps of one question draw the same futures for each of its scenarios, so
# that they pair future by future (docs/EFFECTS.md, "sign holds").
for question in "$data"/../../scenarios/sweeps/robustness/*/; do
  first=""
  for example in "$question"*.toml; do
    "$ecosim" sweep "$example" --plan 2> /dev/null > "$out/futures.csv" || fail "$example: --plan failed"
    if [ -z "$first" ]; then
      first=$example
      cp "$out/futures.csv" "$out/first.csv"
    elif ! cmp -s "$out/first.csv" "$out/futures.csv"; then
      fail "$example draws other futures than $first"
    fi
  done
done

# --plan prints the run table and writes nothing.
"$ecosim" sweep "$sweep" --plan -o "$out/planned" > "$out/plan.csv" 2> /dev/null ||
  fail "--plan failed"
[ "$(tail -n +2 "$out/plan.csv" | wc -l)" -eq 8 ] || fail "--plan printed $(wc -l < "$out/plan.csv") lines"
[ ! -e "$out/planned" ] || fail "--plan wrote $out/planned"

# One failing run is recorded; the others go on; exit 1.
ECOSIM_SWEEP_FAIL_RUNS=3 "$faults" sweep "$sweep" -o "$out/local" -q > /dev/null 2> "$out/err"
code=$?
[ "$code" -eq 1 ] || fail "a sweep with a failing run exited $code, expected 1"
[ "$(rows "$out/local")" -eq 8 ] || fail "the index has $(rows "$out/local") rows, expected 8"
[ "$(status_of "$out/local" 3)" = failed ] || fail "run 3 is '$(status_of "$out/local" 3)', expected failed"
grep -q 'injected failure' "$out/local/index.csv" || fail "the index lacks run 3's error"
[ "$(grep -c ',done,' "$out/local/index.csv")" -eq 7 ] || fail "the other 7 runs are not all done"

# Resume: only the failed run is redone.
"$ecosim" sweep "$sweep" -o "$out/local" -q > /dev/null 2> "$out/err" || fail "the resumed sweep failed"
grep -q ': 1 to run' "$out/err" || fail "resume did not run exactly the failed run: $(head -1 "$out/err")"
[ "$(grep -c ',done,' "$out/local/index.csv")" -eq 8 ] || fail "not every run is done after resuming"
cp -r "$out/local" "$out/reference"

# Resume after deleting one run file and truncating another: those two are redone, identically.
rm "$out/local/runs/run_000001.h5"
head -c 3000 "$out/reference/runs/run_000005.h5" > "$out/local/runs/run_000005.h5"
"$ecosim" sweep "$sweep" -o "$out/local" -q > /dev/null 2> "$out/err" || fail "the second resume failed"
grep -q ': 2 to run' "$out/err" || fail "resume did not redo exactly 2 runs: $(head -1 "$out/err")"
"$python" "$same" "$out/reference" "$out/local" > "$out/same" || fail "redone runs differ: $(cat "$out/same")"

# Shards, as Slurm array tasks run them (from Slurm's variables), give the same sweep.
SLURM_ARRAY_TASK_ID=0 SLURM_ARRAY_TASK_COUNT=3 "$ecosim" sweep "$sweep" -o "$out/shards" -q > /dev/null 2> "$out/err0" ||
  fail "shard 0/3 failed"
grep -q 'shard 0/3: 3 to run' "$out/err0" || fail "shard 0/3 did not take its 3 runs: $(head -1 "$out/err0")"
"$ecosim" sweep "$sweep" -o "$out/shards" --shard 1/3 --threads 2 -q > /dev/null 2>&1 || fail "shard 1/3 failed"
"$ecosim" sweep "$sweep" -o "$out/shards" --shard 2/3 -q > /dev/null 2>&1 || fail "shard 2/3 failed"
"$python" "$same" "$out/reference" "$out/shards" > "$out/same" || fail "shards differ: $(cat "$out/same")"
"$ecosim" sweep "$sweep" -o "$out/shards" --shard 3/3 2> "$out/err"
[ $? -eq 2 ] && grep -q "is not a shard" "$out/err" || fail "--shard 3/3 was not refused"
# The folder is checked before any run: one that holds another sweep's index (its sweep file
# differs) is refused unless --force; one on a read-only file system says so, exit 2.
cp "$out/local/index.csv" "$out/index_before.csv"
sed -e 's/^seed = .*/seed = 99/' -e "s|\"../small.toml\"|\"$(realpath "$data/small.toml")\"|" "$sweep" > "$out/other_seed.toml"
"$ecosim" sweep "$out/other_seed.toml" -o "$out/local" -q > /dev/null 2> "$out/err"
[ $? -eq 2 ] && grep -q 'local: holds the index of another sweep (its sweep file differs from .*other_seed.toml)' "$out/err" ||
  fail "another sweep's folder was not refused: $(head -1 "$out/err")"
cmp -s "$out/index_before.csv" "$out/local/index.csv" || fail "a refused sweep changed the folder's index"
"$ecosim" sweep "$out/other_seed.toml" -o "$out/local" -q --force --plan > /dev/null 2>&1 || fail "--plan into another sweep's folder failed"
if [ "$(id -u)" -eq 0 ] && mkdir -p "$out/ro" && mount -t tmpfs -o size=64k,ro tmpfs "$out/ro" 2> /dev/null; then
  "$ecosim" sweep "$sweep" -o "$out/ro/sweep" -q > /dev/null 2> "$out/err"
  [ $? -eq 2 ] && grep -q 'ro/sweep: cannot create the sweep folder: Read-only file system' "$out/err" ||
    fail "a read-only folder was not refused with its reason: $(head -1 "$out/err")"
  umount "$out/ro"
else
  echo "sweep: read-only folder case skipped (needs root to mount a read-only tmpfs)"
fi
# Slurm's variables strictly: whole numbers in range, an ID only with its count (atol once read
# '1x' as 1 and '' as 0 and ran a shard nobody asked for).
refused_env() {  # PATTERN VAR=VALUE...: exit 2 with PATTERN, nothing run
  local pattern=$1; shift
  env "$@" "$ecosim" sweep "$sweep" -o "$out/env" -q > /dev/null 2> "$out/err"
  [ $? -eq 2 ] && grep -Eq -- "$pattern" "$out/err" || fail "env $* was not refused with '$pattern': $(head -1 "$out/err")"
  [ ! -e "$out/env/index.csv" ] || fail "env $* ran runs"
}
refused_env "SLURM_ARRAY_TASK_ID='1x': not a whole number" SLURM_ARRAY_TASK_ID=1x SLURM_ARRAY_TASK_COUNT=3
refused_env "SLURM_ARRAY_TASK_ID='': not a whole number" SLURM_ARRAY_TASK_ID= SLURM_ARRAY_TASK_COUNT=3
refused_env "SLURM_ARRAY_TASK_COUNT='-3': not a whole number" SLURM_ARRAY_TASK_ID=0 SLURM_ARRAY_TASK_COUNT=-3
refused_env "SLURM_ARRAY_TASK_ID='99999999999999999999': not a whole number" SLURM_ARRAY_TASK_ID=99999999999999999999 SLURM_ARRAY_TASK_COUNT=3
refused_env "SLURM_ARRAY_TASK_ID is set without SLURM_ARRAY_TASK_COUNT" SLURM_ARRAY_TASK_ID=1
refused_env "SLURM_ARRAY_TASK_COUNT is set without SLURM_ARRAY_TASK_ID" SLURM_ARRAY_TASK_COUNT=3
refused_env "SLURM_ARRAY_TASK_ID=7: outside the array 2..5" SLURM_ARRAY_TASK_ID=7 SLURM_ARRAY_TASK_COUNT=4 SLURM_ARRAY_TASK_MIN=2 SLURM_ARRAY_TASK_MAX=5
refused_env "SLURM_ARRAY_TASK_ID=1: outside the array 2" SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=4 SLURM_ARRAY_TASK_MIN=2

# MPI: rank 0 hands out the runs, two workers run them.
if [ -n "$mpi" ]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
  # Open MPI's plugins leak at exit (not ecosim's code, which the other tests check for leaks).
  export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
  mpirun -n 3 -x ASAN_OPTIONS "$mpi" "$sweep" --output "$out/mpi" > "$out/mpi.log" 2>&1 || fail "mpirun failed: $(tail -3 "$out/mpi.log")"
  "$python" "$same" "$out/reference" "$out/mpi" > "$out/same" || fail "MPI runs differ: $(cat "$out/same")"
  mpirun -n 3 -x ASAN_OPTIONS "$mpi" "$data/sweeps/bad_key.toml" --output "$out/mpi_bad" > "$out/mpi.log" 2>&1
  [ $? -ne 0 ] && grep -q 'unknown scenario key' "$out/mpi.log" || fail "ecosim_mpi accepted a bad sweep"
  # The one --threads rule: whole numbers 1..1024 (atoi once read '1garbage' as 1).
  for threads in 1garbage 0 1025; do
    mpirun -n 2 -x ASAN_OPTIONS "$mpi" "$sweep" --output "$out/mpi_threads" --threads "$threads" > "$out/mpi.log" 2>&1
    [ $? -ne 0 ] && grep -q -- '--threads: .*(allowed: 1\.\.1024' "$out/mpi.log" || fail "ecosim_mpi accepted --threads $threads: $(tail -2 "$out/mpi.log")"
  done
fi
"$ecosim" sweep "$sweep" -o "$out/threads0" --threads 0 > /dev/null 2> "$out/err"
[ $? -eq 2 ] && grep -q -- '--threads: out of range: 0 (allowed: 1\.\.1024)' "$out/err" || fail "sweep --threads 0 was not refused: $(head -1 "$out/err")"

[ "$failures" -eq 0 ] && echo "sweep: all checks passed" || { echo "sweep: $failures failures"; exit 1; }
