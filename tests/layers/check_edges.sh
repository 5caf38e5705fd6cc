#!/usr/bin/env bash
# Every forbidden edge of the layers, one by one: a file built against layer L's include view
# that includes a header of any later layer must fail, and fail because that header is not
# visible there (the compiler's "No such file" / "file not found" naming it), not for any other
# reason, so a typo in a probe cannot pass for a layer that holds.
#   usage: check_edges.sh CXX SOURCE_DIR LAYER_VIEWS LAYER...   (the layers in order)
set -uo pipefail
cxx=$1 source=$2 views=$3
shift 3
layers=("$@")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
edges=0 failures=0
for ((i = 0; i < ${#layers[@]}; ++i)); do
  lower=${layers[i]}
  for ((j = i + 1; j < ${#layers[@]}; ++j)); do
    higher=${layers[j]}
    header=$(cd "$source/sim" && ls "$higher"/*.hpp | head -1)
    [ -f "$source/sim/$header" ] || { echo "FAIL: layer $higher has no header to probe"; failures=$((failures + 1)); continue; }
    printf '#include "%s"\n' "$header" > "$work/probe.cpp"
    if "$cxx" -std=c++20 -fsyntax-only -I "$views/$lower" "$work/probe.cpp" > "$work/out" 2>&1; then
      echo "FAIL: $lower may include $header"
      failures=$((failures + 1))
    elif ! grep -Eq "$header.*(No such file or directory|file not found)" "$work/out"; then
      echo "FAIL: $lower including $header failed for another reason: $(head -3 "$work/out")"
      failures=$((failures + 1))
    fi
    edges=$((edges + 1))
  done
done
[ "$failures" -eq 0 ] && echo "layers: all $edges forbidden edges refused" || { echo "layers: $failures of $edges edges wrong"; exit 1; }
