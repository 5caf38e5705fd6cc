#!/usr/bin/env bash
# scripts/setup.sh derives the tsan stage's deb-src entry from the machine's own apt sources:
# the same URIs, suites, components and keys for every enabled deb source, deb822 stanzas and
# one-line entries alike; nothing it prints names a mirror or a release of its own.
#   usage: setup_deb_src_test.sh SETUP_SH
set -uo pipefail
setup=$1
etc=$(mktemp -d) && trap 'rm -rf "$etc"' EXIT
mkdir -p "$etc/sources.list.d"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

cat > "$etc/sources.list.d/mirror.sources" <<'SOURCES'
Types: deb
URIs: http://mirror.example.org/debian
Suites: trixie trixie-updates
Components: main contrib
Signed-By: /usr/share/keyrings/example.gpg

Types: deb
URIs: http://off.example.org/debian
Suites: off
Components: main
Enabled: no

Types: deb-src
URIs: http://src.example.org/debian
Suites: src
Components: main
SOURCES
printf '%s\n' '# deb http://commented.example.org/ x main' \
  'deb [signed-by=/k.gpg] http://line.example.org/debian bookworm main' \
  'deb-src http://already.example.org/ y main' > "$etc/sources.list"
echo 'deb http://ignored.example.org/ z main' > "$etc/sources.list.d/other.list.disabled"

out=$(bash "$setup" --deb-src-of "$etc") || fail "exit status $?"
expected='Types: deb-src
URIs: http://mirror.example.org/debian
Suites: trixie trixie-updates
Components: main contrib
Signed-By: /usr/share/keyrings/example.gpg

deb-src [signed-by=/k.gpg] http://line.example.org/debian bookworm main'
[ "$out" = "$expected" ] || fail "derived entries differ:
$out"
# Nothing of its own: no host or release that the sources did not name.
grep -Eq 'deb\.debian\.org|bookworm-updates' <<< "$out" && fail "names a host or release of its own"
bash "$setup" --deb-src-of > /dev/null 2>&1
[ $? -eq 2 ] || fail "--deb-src-of without a folder was not refused with exit 2"
bash "$setup" --bogus > /dev/null 2>&1
[ $? -eq 2 ] || fail "an unknown option was not refused with exit 2"
[ $failures -eq 0 ] && echo "setup_deb_src: ok"
exit $((failures > 0))
