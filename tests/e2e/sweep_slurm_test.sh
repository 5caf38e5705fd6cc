#!/usr/bin/env bash
# A sweep on a real Slurm cluster: starts munge and a one-node Slurm (slurmctld + slurmd, as
# ../shared/PLATFORM.md describes) in a temporary folder, submits the job-array script that
# `ecosim sweep --emit-sbatch` writes (3 array tasks), and checks that the index and every
# run's datasets equal a sweep run on this machine; then loses one task's runs and submits that
# task alone again (--array=1). Stops the daemons by their PIDs.
# Skipped (exit 77) when not root or when slurm-wlm and munge are not installed.
#   usage: sweep_slurm_test.sh ECOSIM DATA_DIR OUT_DIR
set -uo pipefail
python=${ECOSIM_PYTHON:?the Python interpreter (ctest sets it from the CMake cache, ECOSIM_PYTHON)}
ecosim=$(readlink -f "$1") data=$(readlink -f "$2") out=$3
sweep=$data/sweeps/grid.toml
same=$(dirname "$(readlink -f "$0")")/same_sweeps.py
if [ "$(id -u)" -ne 0 ] || ! command -v slurmctld > /dev/null || ! command -v munged > /dev/null; then
  echo "skipped: needs root, slurm-wlm and munge (scripts/setup.sh --test installs them)"
  exit 77
fi
rm -rf "$out" && mkdir -p "$out" && out=$(readlink -f "$out")
cluster=$(mktemp -d /tmp/ecosim-slurm.XXXXXX)
started_munge=""
cleanup() {
  for pid_file in "$cluster/slurmd.pid" "$cluster/slurmctld.pid"; do
    [ -s "$pid_file" ] && kill "$(cat "$pid_file")" 2> /dev/null
  done
  [ -n "$started_munge" ] && [ -s /run/munge/munged.pid ] && kill "$(cat /run/munge/munged.pid)" 2> /dev/null
  sleep 1
  rm -rf "$cluster"
}
trap cleanup EXIT

# munge, unless one is running already
if ! pgrep -x munged > /dev/null; then
  mkdir -p /run/munge && chown munge:munge /run/munge
  runuser -u munge -- /usr/sbin/munged || { echo "FAIL: munged did not start"; exit 1; }
  started_munge=yes
fi

cpus=$(nproc)
memory_mb=$(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo)
cat > "$cluster/slurm.conf" << EOF
ClusterName=ecosimtest
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$cluster/state
SlurmdSpoolDir=$cluster/spool
SlurmctldPidFile=$cluster/slurmctld.pid
SlurmdPidFile=$cluster/slurmd.pid
SlurmctldLogFile=$cluster/slurmctld.log
SlurmdLogFile=$cluster/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SlurmctldPort=16817
SlurmdPort=16818
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
mkdir -p "$cluster/state" "$cluster/spool"
export SLURM_CONF=$cluster/slurm.conf
slurmctld -f "$SLURM_CONF" || { echo "FAIL: slurmctld did not start"; exit 1; }
slurmd -f "$SLURM_CONF" -N localhost || { echo "FAIL: slurmd did not start"; exit 1; }
for _ in $(seq 60); do
  sinfo -h -o %t 2> /dev/null | grep -Eq '^(idle|mix)' && break
  sleep 0.5
done
sinfo -h -o %t | grep -Eq '^(idle|mix)' || { echo "FAIL: the node is not idle: $(sinfo 2>&1)"; tail -5 "$cluster"/*.log; exit 1; }

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
"$ecosim" sweep "$sweep" -o "$out/local" -q > /dev/null 2>&1 || fail "the local sweep failed"
"$ecosim" sweep "$sweep" -o "$out/slurm" --emit-sbatch "$out/array.sh" --tasks 3 > "$out/emit.log" ||
  fail "--emit-sbatch failed"
grep -q '^#SBATCH --array=0-2$' "$out/array.sh" || fail "the script is not a 3-task array: $(grep SBATCH "$out/array.sh")"
(cd "$cluster" && timeout 300 sbatch --wait "$out/array.sh") > "$out/sbatch.log" 2>&1 ||
  fail "the array job failed: $(cat "$out/sbatch.log") $(cat "$out"/slurm/slurm/*.out 2> /dev/null | tail -5)"
[ "$(ls "$out/slurm/slurm" | wc -l)" -eq 3 ] || fail "expected 3 task logs, got: $(ls "$out/slurm/slurm")"
"$python" "$same" "$out/local" "$out/slurm" > "$out/same" || fail "Slurm runs differ: $(cat "$out/same")"

# Part of the array submitted again, as users do after a failure: the runs of task 1 are lost,
# and `sbatch --array=1` (one task of the three, SLURM_ARRAY_TASK_COUNT=1) redoes exactly them;
# its log does not overwrite the first one's (%A_%a).
lost=$(cd "$out/slurm/runs" && ls run_*.h5 | awk -F'[_.]' '($2 + 0) % 3 == 1')
[ -n "$lost" ] || fail "task 1 wrote no run"
(cd "$out/slurm/runs" && rm -f $lost)
(cd "$cluster" && timeout 300 sbatch --wait --array=1 "$out/array.sh") > "$out/sbatch.log" 2>&1 ||
  fail "the resubmitted task failed: $(cat "$out/sbatch.log") $(tail -5 "$out"/slurm/slurm/*.out 2> /dev/null)"
for f in $lost; do [ -f "$out/slurm/runs/$f" ] || fail "the resubmitted task did not redo $f"; done
[ "$(ls "$out/slurm/slurm" | wc -l)" -eq 4 ] || fail "expected 4 task logs after the resubmission, got: $(ls "$out/slurm/slurm")"
grep -q ": $(echo $lost | wc -w) to run" "$out"/slurm/slurm/*_1.out || fail "task 1 did not run only its lost runs: $(cat "$out"/slurm/slurm/*_1.out)"
"$python" "$same" "$out/local" "$out/slurm" > "$out/same" || fail "Slurm runs differ after the resubmission: $(cat "$out/same")"

# The index job, submitted as the emitted command says (after the array, whatever its end),
# writes the index once: removed first, it is back and lists every run done.
grep -q 'sbatch --dependency=afterany:' "$out/emit.log" || fail "--emit-sbatch gave no dependent index job: $(cat "$out/emit.log")"
rm -f "$out/slurm/index.csv" "$out/slurm/index.h5"
(cd "$cluster" && jid=$(sbatch --parsable --array=2 "$out/array.sh") &&
  timeout 300 sbatch --wait --dependency=afterany:${jid%%;*} "$out/array.index.sh") > "$out/sbatch.log" 2>&1 ||
  fail "the index job failed: $(cat "$out/sbatch.log") $(cat "$out"/slurm/slurm/index_*.out 2> /dev/null)"
[ "$(grep -c ',done,' "$out/slurm/index.csv" 2> /dev/null)" -eq "$(($(wc -l < "$out/local/index.csv") - 1))" ] ||
  fail "the index job's index does not list every run done: $(head -3 "$out/slurm/index.csv" 2>&1)"

[ "$failures" -eq 0 ] && echo "slurm sweep: all checks passed" || { echo "slurm sweep: $failures failures"; exit 1; }
