#!/usr/bin/env bash
# Writes ecosim's man page with help2man from the binary's own help: ecosim --help, then each
# command's --help as a section of its own.
#   usage: scripts/man-page.sh ECOSIM OUT.1   (CMake does this for cmake --install)
set -euo pipefail
ecosim=$1 out=$2
include=$(mktemp) && trap 'rm -f "$include"' EXIT
{
  echo "[COMMANDS]"
  for command in $("$ecosim" --help | awk '/^commands:/ { on = 1; next } /^$/ { on = 0 } on && /^  [a-z]/ { print $1 }'); do
    echo ".SS $command"
    echo ".nf"
    "$ecosim" "$command" --help | sed 's/\\/\\e/g; s/^\./\\\&./'
    echo ".fi"
  done
  echo "[FILES]"
  echo "Example scenarios and sweeps are installed under share/ecosim/scenarios of the prefix;"
  echo "README.md and docs/ under share/doc/ecosim."
}  > "$include"
help2man --no-info --section=1 \
  --name="simulate a regional innovation ecosystem's firms, municipalities and partnerships" \
  --include="$include" --output="$out" "$ecosim"
