#!/usr/bin/env bash
# ecosim_mpi (sim/mpi/main.cpp): its arguments and bad sweeps refused with exit 2, a message and
# nothing written; a tiny sweep run on one rank, and under mpirun by rank 0 handing runs to a
# worker, gives the same index and bit-identical datasets as `ecosim sweep`; a worker killed
# with kill -9 stops the job, and the same sweep run again redoes only what was lost. Exit 77 (skipped)
# when ecosim_mpi was not built; the mpirun part is skipped when there is no mpirun.
#   usage: main_test.sh ECOSIM_MPI_OR_EMPTY DATA_DIR OUT_DIR [ECOSIM]
#   (ECOSIM, the reference for the sweep, defaults to the ecosim beside ecosim_mpi)
set -uo pipefail
python=${ECOSIM_PYTHON:?the Python interpreter (ctest sets it from the CMake cache, ECOSIM_PYTHON)}
mpi=$1 data=$2 out=$3
[ -n "$mpi" ] || { echo "mpi: ecosim_mpi not built; skipped"; exit 77; }
ecosim=${4:-$(dirname "$mpi")/ecosim}
same=$(dirname "$0")/../e2e/same_sweeps.py
rm -rf "$out" && mkdir -p "$out"
source "$(dirname "$0")/../e2e/expect.sh"
# Open MPI's plugins leak at exit (not ecosim's code, which the other tests check for leaks).
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0

# Four runs (two points, two replicates) of three months of the small world.
sweep=$out/tiny.toml
cat > "$sweep" << EOF
[sweep]
scenario = "$(realpath "$data/small.toml")"
replicates = 2
seed = 5
set = { "simulation.steps" = 3 }

[[parameter]]
key = "policy.municipality.min_external_share"
values = [0.1, 0.5]
EOF

# Bad arguments, on one rank (an MPI singleton): the reason on one line, then the usage; exit 2.
usage='^usage: mpirun -n N ecosim_mpi SWEEP.toml \[--output DIR\] \[--threads N\] \[--force\]$'
expect 2 '^ecosim_mpi: missing SWEEP\.toml$' -- "$mpi"
grep -Eq -- "$usage" "$out/stderr" || fail "no usage after a missing sweep file: $(cat "$out/stderr")"
expect 2 "^ecosim_mpi: unknown argument '--colour'$" -- "$mpi" "$sweep" --colour --output "$out/refused"
expect 2 "^ecosim_mpi: unknown argument '$sweep'$" -- "$mpi" "$sweep" "$sweep" --output "$out/refused"
expect 2 '^ecosim_mpi: --output: missing value$' -- "$mpi" "$sweep" --output
expect 2 "^ecosim_mpi: --threads: not a whole number: '2x' \(allowed: 1\.\.1024\)$" -- "$mpi" "$sweep" --threads 2x --output "$out/refused"
expect 2 '^ecosim_mpi: --threads: out of range: 1025 \(allowed: 1\.\.1024\)$' -- "$mpi" "$sweep" --threads 1025 --output "$out/refused"
[ ! -e "$out/refused" ] || fail "a refused command line wrote $out/refused"
# What the user typed is echoed escaped: a terminal would obey a raw control character.
"$mpi" "$sweep" $'--\e[31mred' > /dev/null 2> "$out/stderr"
[ $? -eq 2 ] && grep -q 'unknown argument' "$out/stderr" && ! grep -q $'\e' "$out/stderr" ||
  fail "a control character in an argument was not refused escaped: $(cat -v "$out/stderr")"
# --help prints the usage alone on stdout and exits 0, as asked for.
"$mpi" --help > "$out/stdout" 2> "$out/stderr"
code=$?
[ "$code" -eq 0 ] || fail "--help exited $code, expected 0"
grep -Eq -- "$usage" "$out/stdout" && [ ! -s "$out/stderr" ] ||
  fail "--help did not print the usage alone on stdout: $(cat "$out/stdout" "$out/stderr")"

# Bad sweeps and outputs: positioned errors as ecosim sweep gives them, nothing written.
expect 2 'bad_key\.toml:5:7: parameter\[0\]\.key: unknown scenario key' -- "$mpi" "$data/sweeps/bad_key.toml" --output "$out/bad"
expect 2 'bad_value\.toml:5:1: region\.0\.firms: value -5 \(point 1\): out of range' -- "$mpi" "$data/sweeps/bad_value.toml" --output "$out/bad"
[ ! -e "$out/bad" ] || fail "a refused sweep wrote $out/bad"
echo "not a folder" > "$out/file"
expect 2 "^ecosim_mpi: $out/file: cannot create the sweep folder" -- "$mpi" "$sweep" --output "$out/file"
[ "$(cat "$out/file")" = "not a folder" ] || fail "a refused output was changed"

# The reference: the same sweep run by ecosim on this machine.
"$ecosim" sweep "$sweep" -o "$out/local" -q > /dev/null 2> "$out/err" || fail "ecosim sweep failed: $(cat "$out/err")"

# One rank runs every run itself and writes the index.
expect 0 '' -- "$mpi" "$sweep" --output "$out/single"
"$python" "$same" "$out/local" "$out/single" > "$out/same" || fail "one rank's runs differ: $(cat "$out/same")"

# A run that fails (its file's path is taken by a folder) is reported, the others are done, and
# the exit status is 1, as ecosim sweep's: a job script can tell.
mkdir -p "$out/failing/runs/run_000002.h5"
expect 1 '^ecosim_mpi: run 2 failed: .*run_000002\.h5: is a directory' -- "$mpi" "$sweep" --output "$out/failing"
grep -q ',failed,' "$out/failing/index.csv" && [ "$(grep -c ',done,' "$out/failing/index.csv")" -eq 3 ] ||
  fail "one rank: the index does not hold 3 done and 1 failed: $(cat "$out/failing/index.csv")"

# Under mpirun rank 0 hands the runs to a worker, then writes the index; run again, nothing is
# left to run.
if command -v mpirun > /dev/null; then
  # shellcheck disable=SC2086 # mpirun_options: words on purpose
  run_mpi() { mpirun --oversubscribe --allow-run-as-root ${mpirun_options:-} -n "${ranks:-2}" -x ASAN_OPTIONS "$mpi" "$@"; }
  run_mpi "$sweep" --output "$out/mpi" > "$out/mpi.log" 2>&1 || fail "mpirun failed: $(tail -3 "$out/mpi.log")"
  grep -q "index.csv: 4 done, 0 failed, 0 missing of 4 (4 run now, 0 failed)" "$out/mpi.log" ||
    fail "rank 0 did not report 4 runs done: $(tail -3 "$out/mpi.log")"
  "$python" "$same" "$out/local" "$out/mpi" > "$out/same" || fail "MPI runs differ: $(cat "$out/same")"
  run_mpi "$sweep" --output "$out/mpi" > "$out/mpi.log" 2>&1 || fail "the second mpirun failed: $(tail -3 "$out/mpi.log")"
  grep -q "4 runs, 0 to run on 2 ranks" "$out/mpi.log" && grep -q "(0 run now, 0 failed)" "$out/mpi.log" ||
    fail "a finished sweep was run again: $(tail -3 "$out/mpi.log")"
  # A failed run under mpirun: the others done, exit 1 from mpirun (rank 0 exits 1).
  mkdir -p "$out/mpi_failing/runs/run_000001.h5"
  run_mpi "$sweep" --output "$out/mpi_failing" > "$out/mpi.log" 2>&1
  code=$?
  [ "$code" -eq 1 ] || fail "mpirun with a failing run exited $code, expected 1: $(tail -3 "$out/mpi.log")"
  grep -q "index.csv: 3 done, 1 failed, 0 missing of 4 (4 run now, 1 failed)" "$out/mpi.log" ||
    fail "rank 0 did not report the failed run: $(tail -3 "$out/mpi.log")"
  # Runs the long sweep (25-year runs, so that the kill comes mid-sweep) on 3 ranks into DIR and
  # kills a worker (rank 1 or 2) in the middle of a run with kill -9 once a first run is
  # complete: `victim` is its pid
  # (empty when none was found) and `code` mpirun's exit status.
  long=$out/long.toml
  sed -e 's/"simulation.steps" = 3/"simulation.steps" = 300/' -e 's/^replicates = 2/replicates = 6/' "$sweep" > "$long"
  kill_a_worker() {
    local dir=$1 job
    ranks=3 run_mpi "$long" --output "$dir" > "$dir.log" 2>&1 &
    job=$!
    victim=""
    for _ in $(seq 600); do  # up to 60 s for a first complete run
      if compgen -G "$dir/runs/run_*.h5" > /dev/null; then
        for pid in $(pgrep -f "ecosim_mpi $long --output $dir\$"); do
          # a worker in the middle of a run: its run file's .partial open
          if tr '\0' '\n' < "/proc/$pid/environ" 2> /dev/null | grep -Eq '^OMPI_COMM_WORLD_RANK=[12]$' &&
            ls -l "/proc/$pid/fd" 2> /dev/null | grep -q '\.h5\.partial'; then
            victim=$pid && break
          fi
        done
        [ -n "$victim" ] && break
      fi
      sleep 0.1
    done
    [ -n "$victim" ] && kill -9 "$victim"
    wait "$job"
    code=$?
  }

  # Where the job survives a death (`--mca orte_enable_recovery 1`): rank 0 finds the worker
  # gone, counts its run missing (its .partial left), and the others finish the rest; the same
  # command again redoes that run alone. (mpirun then exits 0 whatever the ranks say: Open MPI.)
  # (--timeout: a job that hangs after the death fails here rather than stalling the suite)
  mpirun_options="--mca orte_enable_recovery 1 --timeout 120" kill_a_worker "$out/survived"
  if [ -z "$victim" ]; then
    fail "no worker to kill: $(tail -3 "$out/survived.log")"
  else
    lost=$(grep -o 'rank [12] died during run [0-9]*' "$out/survived.log" | grep -o '[0-9]*$')
    [ -n "$lost" ] || fail "rank 0 did not report the dead worker's run: $(grep -v '^  run' "$out/survived.log" | tail -3)"
    grep -q "index.csv: 11 done, 0 failed, 1 missing of 12 (11 run now, 0 failed, 1 lost with the ranks that died)" "$out/survived.log" ||
      fail "the others did not finish the sweep: $(tail -2 "$out/survived.log")"
    [ -e "$out/survived/runs/$(printf 'run_%06d.h5.partial' "$lost")" ] || fail "run $lost's .partial is not there"
    grep -q ",missing,runs/$(printf 'run_%06d.h5' "$lost")," "$out/survived/index.csv" ||
      fail "the index does not list run $lost missing"
    "$ecosim" sweep "$long" -o "$out/survived" > "$out/survived.log" 2>&1 || fail "the resume failed: $(tail -3 "$out/survived.log")"
    grep -q ": 1 to run," "$out/survived.log" && grep -q "12 done, 0 failed, 0 missing of 12" "$out/survived.log" ||
      fail "the resume did not redo the lost run alone: $(tail -2 "$out/survived.log")"
  fi

  # By default (what README says) mpirun stops the whole job and exits non-zero; the runs
  # finished before are complete files; the same command again runs only the rest, and every
  # run is done.
  mpirun_options="--timeout 120" kill_a_worker "$out/killed"
  if [ -z "$victim" ]; then
    fail "no worker to kill: $(tail -3 "$out/killed.log")"
  else
    [ "$code" -ne 0 ] || fail "mpirun exited 0 after a worker was killed"
    before=$(cd "$out/killed/runs" && ls run_*.h5 2> /dev/null)
    [ -n "$before" ] || fail "no run finished before the kill"
    stamps=$(cd "$out/killed/runs" && stat -c '%n %Y.%y' $before)
    "$ecosim" sweep "$long" -o "$out/killed" > "$out/killed.log" 2>&1 || fail "the resume failed: $(tail -3 "$out/killed.log")"
    grep -q "12 done, 0 failed, 0 missing of 12" "$out/killed.log" ||
      fail "the resume did not finish every run: $(tail -2 "$out/killed.log")"
    redone=$(grep -o '[0-9]* to run' "$out/killed.log" | head -1 | cut -d' ' -f1)
    [ "$redone" -eq $((12 - $(echo "$before" | wc -w))) ] ||
      fail "the resume ran $redone runs, not the $((12 - $(echo "$before" | wc -w))) missing ones"
    [ "$(cd "$out/killed/runs" && stat -c '%n %Y.%y' $before)" = "$stamps" ] ||
      fail "runs finished before the kill were written again"
  fi

  # A bad sweep stops every rank, not only rank 0.
  run_mpi "$data/sweeps/bad_key.toml" --output "$out/mpi_bad" > "$out/mpi.log" 2>&1
  [ $? -ne 0 ] && grep -q 'unknown scenario key' "$out/mpi.log" || fail "ecosim_mpi under mpirun accepted a bad sweep"
  [ ! -e "$out/mpi_bad" ] || fail "a refused sweep under mpirun wrote $out/mpi_bad"
else
  echo "mpi: no mpirun; the multi-rank case is skipped"
fi

[ "$failures" -eq 0 ] && echo "mpi: all checks passed" || { echo "mpi: $failures failures"; exit 1; }
