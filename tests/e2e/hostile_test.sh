#!/usr/bin/env bash
# Hostile use of the binary (issue 11): inputs that are not regular files, output paths that
# are not files, two writers on one file, a killed run's rows, a full disk, runs too large for
# memory. Each case once went wrong: hung, crashed, lost data or passed silently.
set -uo pipefail
ecosim=$1 data=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
source "$(dirname "$0")/expect.sh"
small=$data/small.toml

# Inputs must be regular files of bounded size: no hang on a FIFO, no endless read of /dev/zero,
# a directory is not an empty scenario.
mkfifo "$out/fifo.toml"
expect 2 'fifo.toml:0:0: \(file\): cannot read scenario file: is not a regular file' -- timeout 20 "$ecosim" check "$out/fifo.toml"
expect 2 'is not a regular file' -- timeout 20 "$ecosim" run /dev/zero -o "$out/never.h5"
expect 2 'cannot read scenario file: is a directory' -- "$ecosim" check "$out"
printf 'base = "/dev/urandom"\n' > "$out/on_urandom.toml"
expect 2 "on_urandom.toml:1:8: base: cannot read '/dev/urandom': is not a regular file" -- timeout 20 "$ecosim" check "$out/on_urandom.toml"
expect 2 'cannot read sweep file: is not a regular file' -- timeout 20 "$ecosim" sweep "$out/fifo.toml" --plan
# A key path of 50,000 parts once overflowed the stack (exit 139).
awk 'BEGIN { printf "a"; for (i = 0; i < 50000; i++) printf ".a"; print " = 1" }' > "$out/deep.toml"
expect 2 'deep.toml:1:128: \(syntax\): a key or table header of more than 64 dotted parts' -- "$ecosim" check "$out/deep.toml"
expect 2 '--set simulation.steps=5\\nsimulation.seed=1:1:1: \(--set\): contains a line break' -- "$ecosim" check "$small" --set "$(printf 'simulation.steps=5\nsimulation.seed=1')"

# Output paths are checked before the run, exit 2 with the reason, and only regular files are
# written: --force never turns a device or FIFO into a run file.
expect 2 "$out/: names a directory" -- "$ecosim" run "$small" -o "$out/" --steps 2
expect 2 "'': empty output path" -- "$ecosim" run "$small" -o '' --steps 2
expect 2 "$out: is a directory" -- "$ecosim" run "$small" -o "$out" --steps 2 --force
touch "$out/plain"
expect 2 'its parent .*plain is not a directory' -- "$ecosim" run "$small" -o "$out/plain/run.h5" --steps 2
expect 2 '/dev/null: is a device' -- "$ecosim" run "$small" -o /dev/null --force --steps 2
mkfifo "$out/fifo.h5"
expect 2 'fifo.h5: is a FIFO' -- "$ecosim" run "$small" -o "$out/fifo.h5" --force --steps 2
[ -p "$out/fifo.h5" ] || fail "--force replaced a FIFO"
if [ "$(id -u)" -eq 0 ] && command -v runuser > /dev/null; then
  mkdir -p "$out/locked" && chmod 555 "$out/locked" && chmod o+rx "$out"
  # Only where nobody can reach the binary and the scenario (a checkout under a 0700 folder,
  # such as mktemp -d's, hides them, and runuser then fails before ecosim runs).
  if runuser -u nobody -- test -x "$ecosim" -a -r "$small" -a -x "$out"; then
    expect 2 'locked: cannot write there: Permission denied' -- runuser -u nobody -- "$ecosim" run "$small" -o "$out/locked/run.h5" --steps 2
  else
    echo "hostile: read-only folder case skipped (user nobody cannot reach $ecosim)"
  fi
fi

# A second writer is refused (once it emptied the first's .partial, and the first then ended
# with a corrupt file and exit 0); the first finishes whole.
"$ecosim" run "$small" -o "$out/shared.h5" --steps 100000 --set region.0.firms=4000 \
  --set region.0.population=100000 --quiet 2> "$out/first_stderr" &
first=$!
for _ in $(seq 100); do [ -s "$out/shared.h5.partial" ] && break; sleep 0.1; done
expect 2 'shared.h5.partial: another process is writing this run file' -- "$ecosim" run "$small" -o "$out/shared.h5" --steps 2 --force
kill -INT "$first"
wait "$first"
[ $? -eq 130 ] || fail "the first writer did not end as interrupted: $(cat "$out/first_stderr")"
h5dump -H -d /indicators/jobs "$out/shared.h5.partial" > /dev/null 2>&1 || fail "the first writer's rows are unreadable"
# A Ctrl-C while the world is still being built is not lost: the run ends with exit 130 once
# the world is built. (The handler was once set only when stepping began, and a background
# job's SIGINT is ignored until then: under ThreadSanitizer the first writer above ran on.)
timeout -s KILL 300 "$ecosim" run "$small" -o "$out/early.h5" --steps 100000 \
  --set region.0.firms=100000 --set region.0.population=2000000 --quiet 2> "$out/early_stderr" &
early=$!
for _ in $(seq 600); do [ -e "$out/early.h5.partial" ] && break; sleep 0.05; done
kill -INT "$early"
wait "$early"
code=$?
[ "$code" -eq 130 ] || fail "a SIGINT during the world's build was lost (exit $code): $(cat "$out/early_stderr")"
grep -q 'interrupted after 0 steps' "$out/early_stderr" || fail "the early SIGINT did not stop the run before its first step: $(cat "$out/early_stderr")"
# A .partial left by a run that did not finish is kept unless --force.
cp "$out/shared.h5.partial" "$out/kept.partial"
expect 2 'shared.h5.partial: left by a run that did not finish; its rows are kept' -- "$ecosim" run "$small" -o "$out/shared.h5" --steps 2
cmp -s "$out/shared.h5.partial" "$out/kept.partial" || fail "a stale .partial was changed without --force"
expect 0 '' -- "$ecosim" run "$small" -o "$out/shared.h5" --steps 2 --force --quiet
[ -f "$out/shared.h5" ] && [ ! -e "$out/shared.h5.partial" ] || fail "--force did not replace the stale run"

# Runs that cannot fit are refused up front with the estimate.
expect 2 'the run needs about 42 MiB \(1200 firms x 1100 B \+ 40 MiB\), more than --max-memory 10M' -- "$ecosim" run "$small" -o "$out/big.h5" --max-memory 10M
expect 2 'the run needs about 51.3 GiB .* more than --max-memory 4G' -- "$ecosim" run "$small" -o "$out/big.h5" --max-memory 4G --set region.0.firms=50000000 --set region.0.population=600000000
expect 2 "--max-memory: not a size: 'lots'" -- "$ecosim" run "$small" -o "$out/big.h5" --max-memory lots
[ ! -e "$out/big.h5.partial" ] || fail "a refused run left a .partial"

# A full disk: exit 1 with the reason, no crash at exit (once a segfault, 139), flushed rows kept.
if [ "$(id -u)" -eq 0 ] && mkdir -p "$out/full" && mount -t tmpfs -o size=256k tmpfs "$out/full" 2> /dev/null; then
  expect 1 'full.h5.partial: HDF5: .* failed: No space left on device; the rows flushed before are kept' -- "$ecosim" run "$small" -o "$out/full/full.h5" --steps 48 --set region.0.firms=3000 --set region.0.population=100000
  umount "$out/full"
else
  echo "hostile: full-disk case skipped (needs root to mount a small tmpfs)"
fi

[ "$failures" -eq 0 ] && echo "hostile: all checks passed" || { echo "hostile: $failures failures"; exit 1; }
