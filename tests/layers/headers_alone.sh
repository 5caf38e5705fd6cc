#!/usr/bin/env bash
# Each header compiles on its own, in its own layer's include view: it includes what it uses
# (no header works only because an earlier include brought something in) and nothing above
# its layer. One -fsyntax-only compile per header, as many at once as there are cores.
#   usage: headers_alone.sh CXX SOURCE_DIR LAYER_VIEWS "SYSTEM;INCLUDE;DIRS" LAYER...
set -uo pipefail
cxx=$1 source=$2 views=$3 system=$4
shift 4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(-std=c++20 -fsyntax-only -Wall -Wextra -Werror)
for dir in ${system//;/ }; do  # a CMake list; the compiler's own folders stay in its order
  case $dir in /usr/include | /usr/local/include) ;; *) flags+=(-isystem "$dir") ;; esac
done
check() {  # check LAYER HEADER: prints a failure line, or nothing
  local probe="$work/$(echo "$2" | tr / _).cpp"
  printf '#include "%s"\n#include "%s"\n' "$2" "$2" > "$probe"  # twice: its guard holds too
  "$cxx" "${flags[@]}" -I "$views/$1" "$probe" > "$probe.out" 2>&1 ||
    echo "FAIL: $2 does not compile on its own: $(grep -m1 -E 'error' "$probe.out")"
}
export -f check
export cxx views work
export flags_string="${flags[*]}"
jobs=()
for layer in "$@"; do
  for header in $(cd "$source/sim" && find "$layer" -name '*.hpp' | sort); do
    jobs+=("$layer $header")
  done
done
out=$(printf '%s\n' "${jobs[@]}" | xargs -P "$(nproc)" -L 1 bash -c 'flags=($flags_string); check "$0" "$1"')
if [ -n "$out" ]; then
  echo "$out"
  echo "headers: $(echo "$out" | wc -l) of ${#jobs[@]} do not compile on their own"
  exit 1
fi
echo "headers: all ${#jobs[@]} compile on their own, each in its layer's view"
