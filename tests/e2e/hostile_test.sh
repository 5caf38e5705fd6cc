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

# Text from outside is echoed with its control characters escaped (\u001b, \n, \r, \0): no key,
# value or path can colour the terminal, move its cursor or cut a message at a NUL; a NUL in
# `base` once cut the path and read /etc/passwd.
raw_control() {  # bytes other than printable text, tab, newline and UTF-8 in stdout or stderr
  [ "$(LC_ALL=C tr -d '\n\t -~\200-\377' < "$out/stdout" | wc -c)" -eq 0 ] &&
    [ "$(LC_ALL=C tr -d '\n\t -~\200-\377' < "$out/stderr" | wc -c)" -eq 0 ] || fail "$1: a raw control character was echoed"
}
printf 'base = "/etc/passwd\\u0000.toml"\n' > "$out/nul_base.toml"
expect 2 'nul_base.toml:1:8: base: contains a control character' -- "$ecosim" check "$out/nul_base.toml"
grep -q root "$out/stderr" "$out/stdout" && fail "base with a NUL read /etc/passwd"
printf '"k\\u001b[31mred" = 1\n' > "$out/esc_key.toml"
expect 2 'esc_key.toml:1:1: k\\u001b\[31mred: unknown key' -- "$ecosim" check "$out/esc_key.toml"
raw_control "ESC in a key"
printf '"k\\u0000x" = 1\n' > "$out/nul_key.toml"
expect 2 'nul_key.toml:1:1: k\\0x: unknown key' -- "$ecosim" check "$out/nul_key.toml"
raw_control "NUL in a key"
printf '"a\\rb\\nc" = 1\n' > "$out/crlf_key.toml"
expect 2 'crlf_key.toml:1:1: a\\rb\\nc: unknown key' -- "$ecosim" check "$out/crlf_key.toml"
raw_control "CR and LF in a key"
expect 2 'a\\u001bb: unknown key' -- "$ecosim" check "$small" --set "$(printf 'a\033b=1')"
raw_control "ESC in --set"
odd="$out/$(printf 'a\033[31m\nb.h5')"
expect 0 'wrote .*a\\u001b\[31m\\nb.h5' -- "$ecosim" run "$small" -o "$odd" --steps 2
raw_control "ESC and LF in an output path"
expect 2 'a\\u001b\[31m\\nb.h5: output exists' -- "$ecosim" run "$small" -o "$odd" --steps 2
raw_control "ESC and LF in an existing output path"
rm -f "$odd"

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

# No file is written through a symbolic link: a link planted at FILE, FILE.partial, the
# checkpoint's temporary, a sweep's run file, its .partial or its index's temporary, dangling
# or not, is refused or replaced, and what it points to is never touched. (Once `run` created
# the target of a dangling FILE.partial, and a sweep overwrote a file outside its folder.)
printf 'precious\n' > "$out/victim"
victim_intact() { [ "$(cat "$out/victim")" = precious ] && [ ! -e "$out/victim_new" ] || fail "$1: a link was written through"; }
ln -s "$out/victim_new" "$out/dangling.h5.partial"
expect 2 'dangling.h5.partial: is a symbolic link' -- "$ecosim" run "$small" -o "$out/dangling.h5" --steps 2
victim_intact "a dangling FILE.partial"
ln -s "$out/victim" "$out/linked.h5.partial"
expect 2 'linked.h5.partial: is a symbolic link' -- "$ecosim" run "$small" -o "$out/linked.h5" --steps 2 --force
victim_intact "FILE.partial linked to a file, with --force"
ln -s "$out/victim" "$out/final.h5"
expect 2 'final.h5: is a symbolic link' -- "$ecosim" run "$small" -o "$out/final.h5" --steps 2 --force
victim_intact "FILE linked to a file, with --force"
ln -s "$out/victim" "$out/ckpt.h5.checkpoint.tmp"
expect 0 '' -- "$ecosim" run "$small" -o "$out/ckpt.h5" --steps 3 --checkpoint-every 1 --quiet
victim_intact "a link at the checkpoint's temporary"
sweep_file=$data/sweeps/grid.toml
mkdir -p "$out/linksweep/runs"
ln -s "$out/victim" "$out/linksweep/runs/run_000000.h5.partial"
ln -s "$out/victim_new" "$out/linksweep/index.csv.partial"
ln -s "$out/victim" "$out/linksweep/index.h5.partial"
expect 1 '' -- "$ecosim" sweep "$sweep_file" -o "$out/linksweep" -q --jobs 1
victim_intact "links in a sweep folder"
grep -q '^0,.*,failed,.*is a symbolic link' "$out/linksweep/index.csv" || fail "the linked run is not recorded as failed: $(grep '^0,' "$out/linksweep/index.csv")"
[ -f "$out/linksweep/index.csv" ] && [ ! -L "$out/linksweep/index.csv" ] || fail "index.csv is not a regular file"
# The files written beside a run: a Slurm script and a validation report through planted links.
ln -s "$out/victim" "$out/job.sh" && ln -s "$out/victim_new" "$out/job.sh.partial"
expect 0 'wrote .*job.sh' -- "$ecosim" sweep "$sweep_file" -o "$out/jobsweep" --emit-sbatch "$out/job.sh"
victim_intact "--emit-sbatch through links"
[ -f "$out/job.sh" ] && [ ! -L "$out/job.sh" ] || fail "--emit-sbatch did not replace the link with its script"
ln -s "$out/victim_new" "$out/report.md.partial"
"$ecosim" validate "$small" --seeds 1 --quiet -o "$out/report.md" > /dev/null 2>&1
victim_intact "validate -o with a link at its temporary"
[ -s "$out/report.md" ] || fail "validate -o wrote no report"
# Planted between two runs of the sweep: a finished run's file replaced by a link is redone and
# refused, not written through.
rm "$out/linksweep/runs/run_000000.h5.partial"
"$ecosim" sweep "$sweep_file" -o "$out/linksweep" -q --jobs 1 > /dev/null 2>&1 || fail "the sweep did not finish its runs"
rm "$out/linksweep/runs/run_000003.h5" && ln -s "$out/victim" "$out/linksweep/runs/run_000003.h5"
expect 1 '' -- "$ecosim" sweep "$sweep_file" -o "$out/linksweep" -q --jobs 1
victim_intact "a run file replaced by a link between two runs of a sweep"
grep -q '^3,.*,failed,.*is a symbolic link' "$out/linksweep/index.csv" || fail "the run linked between two runs is not failed: $(grep '^3,' "$out/linksweep/index.csv")"

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
# To ecosim itself, not through timeout: on a fresh Debian 12 the SIGINT sent to timeout once
# ended timeout (exit 130) and never reached ecosim, which ran on for minutes.
kill -INT "$(pgrep -P "$early" -x ecosim || echo "$early")"
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
expect 2 'the run needs about 4[12](\.[0-9])? MiB \(1,200 firms x 1.1 KiB \+ 2 regions x 6.5 KiB \+ 40 MiB\), more than --max-memory 10M' -- "$ecosim" run "$small" -o "$out/big.h5" --max-memory 10M
expect 2 'the run needs about 51.3 GiB .* more than --max-memory 4G' -- "$ecosim" run "$small" -o "$out/big.h5" --max-memory 4G --set region.0.firms=50000000 --set region.0.population=600000000
expect 2 "--max-memory: not a size: 'lots'" -- "$ecosim" run "$small" -o "$out/big.h5" --max-memory lots
[ ! -e "$out/big.h5.partial" ] || fail "a refused run left a .partial"
# Regions count too: 20,000 regions of one firm once passed --max-memory 70M and peaked at
# 151 MiB; more regions than the 16-bit region index holds once wrapped around ("duplicate
# region name 'r0'" for 65,537 named regions).
regions_file() {  # N FILE: a scenario of N regions of one firm each
  awk -v n="$1" 'BEGIN { print "[simulation]\nsteps = 2\nsnapshot_every = 0"
    for (i = 0; i < n; i++) printf "[[region]]\nname = \"r%d\"\npopulation = 1000\nfirms = 1\n", i }' > "$2"
}
regions_file 20000 "$out/regions20000.toml"
expect 2 'the run needs about .* \(20,000 firms x 1.1 KiB \+ 20,000 regions x 6.5 KiB \+ 40 MiB\), more than --max-memory 70M' -- "$ecosim" run "$out/regions20000.toml" -o "$out/regions.h5" --max-memory 70M
regions_file 65536 "$out/regions65536.toml"
expect 2 'regions65536.toml:[0-9]+:[0-9]+: region: 65536 \[\[region\]\] entries, more than the region index holds \(allowed: at most 65535 regions\)' -- "$ecosim" check "$out/regions65536.toml"
[ "$(wc -l < "$out/stderr")" -le 2 ] || fail "65,536 regions gave more than one error: $(wc -l < "$out/stderr") lines"

# A full disk: exit 1 with the reason, no crash at exit (once a segfault, 139), flushed rows kept.
if [ "$(id -u)" -eq 0 ] && mkdir -p "$out/full" && mount -t tmpfs -o size=256k tmpfs "$out/full" 2> /dev/null; then
  expect 1 'full.h5.partial: HDF5: .* failed: No space left on device; the rows flushed before are kept' -- "$ecosim" run "$small" -o "$out/full/full.h5" --steps 48 --set region.0.firms=3000 --set region.0.population=100000
  umount "$out/full"
else
  echo "hostile: full-disk case skipped (needs root to mount a small tmpfs)"
fi

[ "$failures" -eq 0 ] && echo "hostile: all checks passed" || { echo "hostile: $failures failures"; exit 1; }
