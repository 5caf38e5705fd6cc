#!/usr/bin/env bash
# The command line as users meet it: exit codes, one-line errors, files never clobbered.
set -uo pipefail
ecosim=$1 data=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
source "$(dirname "$0")/expect.sh"

expect 0 '^ecosim [0-9]+\.[0-9]+\.[0-9]+$' -- "$ecosim" --version
expect 0 'usage: ecosim' -- "$ecosim" --help
expect 0 '--threads' -- "$ecosim" run --help
expect 0 'Validate' -- "$ecosim" check --help
expect 2 'usage: ecosim' -- "$ecosim"
expect 2 "unknown command 'fly'" -- "$ecosim" fly
expect 0 ': ok \(2 regions' -- "$ecosim" check "$data/small.toml"
expect 2 'misspelled_key.toml:4:1: simulation.stepz: unknown key' -- "$ecosim" check "$data/bad_scenarios/misspelled_key.toml"
expect 2 'misspelled_key.toml:4:1: simulation.stepz' -- "$ecosim" run "$data/bad_scenarios/misspelled_key.toml" -o "$out/never.h5"
[ ! -e "$out/never.h5" ] && [ ! -e "$out/never.h5.partial" ] || fail "a bad scenario left a file"
expect 2 'cannot read scenario file: No such file or directory' -- "$ecosim" check "$out/missing.toml"
expect 2 '--threads: out of range: -3 \(allowed: 0..1024; 0 = all cores\)' -- "$ecosim" run "$data/small.toml" --threads -3
expect 2 "the argument \('many'\) for option '--steps' is invalid" -- "$ecosim" run --steps many
expect 2 'unrecognised option|unrecognized option' -- "$ecosim" run --colour blue
expect 2 'simulation.steps: out of range: 0' -- "$ecosim" run "$data/small.toml" --steps 0
expect 2 '--set trust.ladder=oops:1:9: trust.ladder: must be an array' -- "$ecosim" check "$data/small.toml" --set trust.ladder=oops

# A good run prints where its file is; a second run refuses to overwrite it without --force.
expect 0 "wrote $out/run.h5" -- "$ecosim" run "$data/small.toml" -o "$out/run.h5" --steps 6
cp "$out/run.h5" "$out/run_copy.h5"
expect 2 'output exists' -- "$ecosim" run "$data/small.toml" -o "$out/run.h5" --steps 3 --seed 99
cmp -s "$out/run.h5" "$out/run_copy.h5" || fail "an existing file was changed without --force"
expect 0 "wrote $out/run.h5" -- "$ecosim" run "$data/small.toml" -o "$out/run.h5" --steps 3 --seed 99 --force
[ "$(h5dump -a /seed "$out/run.h5" | grep -c '99')" -ge 1 ] || fail "--force did not replace the file"
expect 0 '' -- "$ecosim" run "$data/small.toml" -o "$out/quiet.h5" --steps 2 --quiet
[ ! -s "$out/stdout" ] || fail "--quiet printed to stdout"
# --set values land in the stored scenario text, so the file alone repeats the run.
expect 0 '' -- "$ecosim" run "$data/small.toml" -o "$out/set.h5" --steps 2 --quiet --set region.1.name=Overridden
h5dump -a /scenario "$out/set.h5" | grep -q 'Overridden' || fail "the override is missing from the stored scenario"
# The embedded default runs without a file (few steps, to stay quick).
expect 0 'Drammen' -- "$ecosim" run -o "$out/default.h5" --steps 2
# Interrupted runs keep every flushed row in FILE.partial and exit 130.
"$ecosim" run "$data/small.toml" -o "$out/interrupted.h5" --steps 100000 --set region.0.firms=20000 --set region.0.population=200000 \
  --quiet 2> "$out/interrupt_stderr" &
pid=$!
for _ in $(seq 50); do [ -s "$out/interrupted.h5.partial" ] && break; sleep 0.1; done
sleep 1.5
kill -INT "$pid"
wait "$pid"; code=$?
[ "$code" -eq 130 ] || fail "an interrupted run exited $code, expected 130"
grep -q "interrupted after" "$out/interrupt_stderr" || fail "no message on interrupt"
[ ! -e "$out/interrupted.h5" ] || fail "an interrupted run took the final name"
rows=$(h5dump -H -d /indicators/jobs "$out/interrupted.h5.partial" | grep -o 'DATASPACE  SIMPLE { ( [0-9]*' | head -1 | grep -o '[0-9]*$')
[ "${rows:-0}" -ge 5 ] || fail "the .partial file of an interrupted run has ${rows:-no} rows"

# validate: the default scenario reproduces its stylized facts over 5 seeds (the acceptance
# test of docs/VALIDATION.md); a report file equals what is printed; bad flags are one line.
# (The release stage checks this; under the sanitizers, ECOSIM_TEST_SHORT, validate runs on the
# small scenario below only: the same code, a fifth of the time.)
if [ -z "${ECOSIM_TEST_SHORT:-}" ]; then
  expect 0 '\| share of firms of 10\+ employees in a partnership' -- "$ecosim" validate --seeds 5 --quiet
  grep -q 'FAIL' "$out/stdout" && fail "validate passed but printed FAIL"
  awk '/^<!-- begin: ecosim validate/ {on = 1; next} /^<!-- end: ecosim validate/ {on = 0} on' \
    "$data/../../docs/VALIDATION.md" | cmp -s - "$out/stdout" ||
    fail "docs/VALIDATION.md is not the report the binary prints: run scripts/update-docs.sh"
fi
"$ecosim" validate "$data/small.toml" --seeds 2 --quiet -o "$out/report.md" > "$out/report_stdout"
code=$?
[ "$code" -eq 0 ] || [ "$code" -eq 3 ] || fail "validate of the small world exited $code"
cmp -s "$out/report.md" "$out/report_stdout" || fail "the report file differs from the printed report"
expect 0 'seeds 1..N' -- "$ecosim" validate --help
expect 2 '--seeds: out of range: 0 \(allowed: 1..100\)' -- "$ecosim" validate "$data/small.toml" --seeds 0
expect 2 'simulation.snapshot_every is 0' -- "$ecosim" validate "$data/small.toml" --set simulation.snapshot_every=0
expect 3 '\| FAIL \|' -- "$ecosim" validate "$data/small.toml" --seeds 1 --quiet --set firms.entry_rate_per_year=0

# params prints the table every key is documented in.
expect 0 'policy.municipality.min_external_share' -- "$ecosim" params
expect 0 'unemployment_rate' -- "$ecosim" indicators

[ "$failures" -eq 0 ] && echo "cli: all checks passed" || { echo "cli: $failures failures"; exit 1; }
