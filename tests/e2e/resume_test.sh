#!/usr/bin/env bash
# Checkpoint and resume (issue 11): a run killed with SIGKILL during a step, during a checkpoint
# write, or at a moment nobody chose, then resumed at another thread count, ends with datasets
# equal to an uninterrupted run's, bit for bit (h5diff, exact). Resume refuses what it cannot use.
set -uo pipefail
ecosim=$1 data=$2 out=$3 faults=$4 # faults: ecosim with test hooks (tests/support/faults_main.cpp)
rm -rf "$out" && mkdir -p "$out"
source "$(dirname "$0")/expect.sh"
small=$data/small.toml
args=(--steps 60 --quiet)

# same_run FILE: every group of FILE equals the uninterrupted run's.
same_run() {
  for group in indicators projects parties exits firms ties; do
    h5diff "$out/whole.h5" "$1" "/$group" "/$group" > "$out/h5diff.txt" 2>&1 ||
      fail "$1: /$group differs from the uninterrupted run: $(head -3 "$out/h5diff.txt")"
  done
}

"$ecosim" run "$small" -o "$out/whole.h5" "${args[@]}" --threads 2 || fail "the uninterrupted run failed"
# The ecosim binary reads no test hook: only the tests' ecosim_faults kills itself.
ECOSIM_TEST_KILL_AT_STEP=3 "$ecosim" run "$small" -o "$out/hookless.h5" --steps 5 --quiet || fail "ecosim obeyed a test hook"

# Killed during step 37 (simulated, not recorded), last checkpoint after step 30.
ECOSIM_TEST_KILL_AT_STEP=37 "$faults" run "$small" -o "$out/step.h5" "${args[@]}" --threads 2 --checkpoint-every 10
[ $? -eq 137 ] || fail "the test hook did not kill the run"
[ -f "$out/step.h5.partial" ] && [ -f "$out/step.h5.checkpoint" ] || fail "no .partial or checkpoint after the kill"
# The partial file carries the projects and parties flushed with the last checkpoint.
h5dump -H -d /projects/status "$out/step.h5.partial" > /dev/null 2>&1 || fail "the killed run's .partial has no projects table"
h5dump -H -d /parties/cash_nok "$out/step.h5.partial" > /dev/null 2>&1 || fail "the killed run's .partial has no parties table"
expect 0 'resuming .*step.h5 after step 30 of 60' -- "$ecosim" resume "$out/step.h5" --threads 1
[ -f "$out/step.h5" ] && [ ! -e "$out/step.h5.partial" ] && [ ! -e "$out/step.h5.checkpoint" ] ||
  fail "a resumed run did not end as a finished one"
same_run "$out/step.h5"

# Killed while HDF5 flushed: metadata written, the superblock's end of file not yet (once in the
# TSan stage, "addr overflow ... eoa" at resume). Made here by writing half the file's size into
# the end-of-file address of a version 0 superblock (bytes 40-47, little-endian).
ECOSIM_TEST_KILL_AT_STEP=37 "$faults" run "$small" -o "$out/eoa.h5" "${args[@]}" --checkpoint-every 10
[[ $(h5dump -B -H "$out/eoa.h5.partial") == *'SUPERBLOCK_VERSION 0'* ]] || fail "the run file's superblock is not version 0: the end-of-file address is elsewhere"
eoa=$(($(stat -c %s "$out/eoa.h5.partial") / 2)) bytes=''
for i in 0 1 2 3 4 5 6 7; do bytes+=$(printf '\\x%02x' $(((eoa >> (8 * i)) & 255))); done
printf "$bytes" | dd of="$out/eoa.h5.partial" bs=1 seek=40 conv=notrunc status=none
h5dump -d /indicators/time "$out/eoa.h5.partial" > /dev/null 2>&1 && fail "the shortened end of file did not hide the run's metadata"
expect 0 'resuming .*eoa.h5 after step 30 of 60' -- "$ecosim" resume "$out/eoa.h5"
same_run "$out/eoa.h5"

# Killed halfway through writing its third checkpoint: the second is whole and is used.
ECOSIM_TEST_KILL_IN_CHECKPOINT=3 "$faults" run "$small" -o "$out/write.h5" "${args[@]}" --threads 1 --checkpoint-every 10
[ $? -eq 137 ] || fail "the checkpoint hook did not kill the run"
[ -f "$out/write.h5.checkpoint.tmp" ] || fail "no half-written checkpoint was left"
expect 0 'after step 10 of 60' -- "$ecosim" resume "$out/write.h5" --threads 2
[ ! -e "$out/write.h5.checkpoint.tmp" ] || fail "the half-written checkpoint was left behind"
same_run "$out/write.h5"

# Killed halfway through its fourth rewrite of the projects and parties tables (they are
# rewritten with the first checkpoint, the first flush of rows after step 5, the checkpoint after
# step 10 and the one after step 20): the new tables are written, the old not yet replaced. The
# file as last flushed, with the tables of step 10, is whole, and its checkpoint resumes to the
# same run.
ECOSIM_TEST_KILL_IN_TABLES=4 "$faults" run "$small" -o "$out/tables.h5" "${args[@]}" --threads 2 --checkpoint-every 10
[ $? -eq 137 ] || fail "the tables hook did not kill the run"
h5dump -H -d /projects/status "$out/tables.h5.partial" > /dev/null 2>&1 || fail "the tables killed half-way left no projects table"
expect 0 'after step 10 of 60' -- "$ecosim" resume "$out/tables.h5" --threads 1
same_run "$out/tables.h5"

# Killed twice: the resumed run is killed too, and resumed again.
ECOSIM_TEST_KILL_AT_STEP=25 "$faults" run "$small" -o "$out/twice.h5" "${args[@]}" --checkpoint-every 7
ECOSIM_TEST_KILL_AT_STEP=50 "$faults" resume "$out/twice.h5" --quiet
[ $? -eq 137 ] || fail "the resumed run was not killed"
expect 0 '' -- "$ecosim" resume "$out/twice.h5" --quiet --threads 3
same_run "$out/twice.h5"

# kill -9 from outside, at a moment nobody chose, in a longer run.
long=(--steps 400 --set region.0.firms=3000 --set region.0.population=80000 --quiet)
"$ecosim" run "$small" -o "$out/long_whole.h5" "${long[@]}" --threads 2
"$ecosim" run "$small" -o "$out/long.h5" "${long[@]}" --threads 2 --checkpoint-every 25 &
pid=$!
# After its first checkpoint (a kill before it leaves nothing to resume: tested below), at a
# moment nobody chose.
for _ in $(seq 200); do [ -f "$out/long.h5.checkpoint" ] && break; sleep 0.05; done
sleep 0.$((RANDOM % 5 + 1))
kill -9 "$pid" 2> /dev/null
wait "$pid"
if [ -f "$out/long.h5.partial" ]; then
  expect 0 '' -- "$ecosim" resume "$out/long.h5" --quiet --threads 1
  for group in indicators projects parties exits firms ties; do
    h5diff "$out/long_whole.h5" "$out/long.h5" "/$group" "/$group" > /dev/null 2>&1 ||
      fail "the run killed from outside differs in /$group after resume"
  done
else
  echo "resume: the long run finished before the kill; external kill not exercised this time"
fi

# What resume refuses, with exit 2.
expect 2 'whole.h5: the run already finished' -- "$ecosim" resume "$out/whole.h5"
expect 2 'none.h5.partial: no unfinished run here' -- "$ecosim" resume "$out/none.h5"
ECOSIM_TEST_KILL_AT_STEP=13 "$faults" run "$small" -o "$out/plain.h5" "${args[@]}"
# Without checkpoints too, a killed run's .partial has the projects of its last flush (step 10).
h5dump -H -d /projects/status "$out/plain.h5.partial" > /dev/null 2>&1 || fail "a killed run without checkpoints has no projects table"
expect 2 'plain.h5.checkpoint: .*no checkpoint \(allowed: a run started with --checkpoint-every\)' -- "$ecosim" resume "$out/plain.h5"
expect 2 'plain.h5.partial: left by a run that did not finish' -- "$ecosim" run "$small" -o "$out/plain.h5" "${args[@]}"
ECOSIM_TEST_KILL_AT_STEP=15 "$faults" run "$small" -o "$out/bad.h5" "${args[@]}" --checkpoint-every 10
printf 'garbage' | dd of="$out/bad.h5.checkpoint" bs=1 seek=100 conv=notrunc status=none
expect 2 'bad.h5.checkpoint: corrupt or truncated \(digest mismatch\)' -- "$ecosim" resume "$out/bad.h5"
expect 2 'missing FILE' -- "$ecosim" resume
# A checkpoint resumes only its own run: a 120-step run's checkpoint beside a 60-step run's
# .partial (once exit 0, a file saying steps=60 with 120 months), or a seed-43 run's beside a
# seed-42 run's of the same length, is refused naming both runs; the files are left as they were.
ECOSIM_TEST_KILL_AT_STEP=25 "$faults" run "$small" -o "$out/ckpt120.h5" --steps 120 --quiet --checkpoint-every 10
ECOSIM_TEST_KILL_AT_STEP=25 "$faults" run "$small" -o "$out/ckpt60.h5" "${args[@]}" --checkpoint-every 10
cp "$out/ckpt120.h5.checkpoint" "$out/ckpt60.h5.checkpoint"
expect 2 'ckpt60.h5.partial: its checkpoint belongs to another run \(checkpoint: run [0-9a-f]{16}, seed 7, 120 steps; run file: run [0-9a-f]{16}, seed 7, 60 steps\)' -- "$ecosim" resume "$out/ckpt60.h5"
ECOSIM_TEST_KILL_AT_STEP=25 "$faults" run "$small" -o "$out/seed43.h5" "${args[@]}" --seed 43 --checkpoint-every 10
ECOSIM_TEST_KILL_AT_STEP=25 "$faults" run "$small" -o "$out/seed42.h5" "${args[@]}" --seed 42 --checkpoint-every 10
cp "$out/seed43.h5.checkpoint" "$out/seed42.h5.checkpoint"
expect 2 'seed42.h5.partial: its checkpoint belongs to another run \(checkpoint: run [0-9a-f]{16}, seed 43, 60 steps; run file: run [0-9a-f]{16}, seed 42' -- "$ecosim" resume "$out/seed42.h5"
[ -f "$out/seed42.h5.partial" ] && [ ! -e "$out/seed42.h5" ] || fail "a refused resume changed the run's files"
# Two runs of the same scenario and seed are still two runs (their run ids differ): each resumes
# with its own checkpoint only.
ECOSIM_TEST_KILL_AT_STEP=25 "$faults" run "$small" -o "$out/twin.h5" "${args[@]}" --seed 42 --checkpoint-every 10
cp "$out/twin.h5.checkpoint" "$out/seed42.h5.checkpoint"
expect 2 'seed42.h5.partial: its checkpoint belongs to another run' -- "$ecosim" resume "$out/seed42.h5"
expect 0 'resuming .*twin.h5 after step 20 of 60' -- "$ecosim" resume "$out/twin.h5"

[ "$failures" -eq 0 ] && echo "resume: all checks passed" || { echo "resume: $failures failures"; exit 1; }
