#!/usr/bin/env bash
# Regenerates the tables the docs take from the binary: the parameter reference and the causal
# map in docs/MODEL.md (`ecosim params`, `ecosim map`), the indicator and table references in
# docs/FORMAT.md (`ecosim indicators [--firm-level|--projects|--parties]`) and the
# stylized-facts report in docs/VALIDATION.md (`ecosim validate --seeds 5`), each between its
# begin/end markers. Tests fail until this is run after a change of the schema, the indicators,
# the tables' member lists or the model's results.
set -euo pipefail
cd "$(dirname "$0")/.."
ecosim=${1:-build/release/ecosim}

# replace FILE COMMAND: the lines between "<!-- begin: ecosim COMMAND ..." and
# "<!-- end: ecosim COMMAND -->" become the command's output.
replace() {
  local file=$1 command=$2
  grep -q "<!-- begin: ecosim $command" "$file" || { echo "$file has no begin marker for ecosim $command" >&2; exit 1; }
  # shellcheck disable=SC2086 # the command carries its arguments
  "$ecosim" $command > "$file.table" || { echo "ecosim $command failed: $file not updated" >&2; rm -f "$file.table"; exit 1; }
  awk -v begin="<!-- begin: ecosim $command" -v end="<!-- end: ecosim $command -->" -v table="$file.table" '
    # the begin marker, then " -->" or a note in parentheses (not a longer command)
    index($0, begin) == 1 && substr($0, length(begin) + 1) ~ /^ (-->|\()/ {
      print; while ((getline line < table) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }' "$file" > "$file.new"
  mv "$file.new" "$file" && rm "$file.table"
  echo "updated $file (ecosim $command)"
}
replace docs/MODEL.md params
replace docs/MODEL.md map
replace docs/FORMAT.md indicators
replace docs/FORMAT.md "indicators --firm-level"
replace docs/FORMAT.md "indicators --projects"
replace docs/FORMAT.md "indicators --parties"
replace docs/VALIDATION.md "validate --seeds 5 --quiet"
