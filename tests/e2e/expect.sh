# Shared by the shell tests: `fail` counts a failure; `expect CODE PATTERN -- command...` checks
# the exit code and that stderr or stdout has a line matching PATTERN (extended regex). Needs
# $out (a scratch folder) set before use.
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect() {
  local code=$1 pattern=$2; shift 3
  "$@" > "$out/stdout" 2> "$out/stderr"
  local got=$?
  [ "$got" -eq "$code" ] || fail "'$*' exited $got, expected $code: $(head -3 "$out/stderr")"
  [ -z "$pattern" ] || grep -Eq -- "$pattern" "$out/stderr" "$out/stdout" ||
    fail "'$*' printed no line matching '$pattern': $(head -3 "$out/stderr")"
}
