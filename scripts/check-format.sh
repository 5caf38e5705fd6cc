#!/usr/bin/env bash
# Fails when a C++ file of sim/, tests/ or bench/ is not formatted as .clang-format says, or a
# Python file of the tree as black (pyproject.toml) says.
# Fix with: clang-format -i $(git ls-files '*.cpp' '*.hpp')
#      and: black --config pyproject.toml $(git ls-files '*.py') analysis/ecosim-analysis
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format > /dev/null || { echo "check-format.sh: clang-format not found (scripts/setup.sh --test installs it)" >&2; exit 1; }
mapfile -t files < <(find sim tests bench -name '*.cpp' -o -name '*.hpp' | sort)
clang-format --dry-run --Werror "${files[@]}"
echo "check-format.sh: ${#files[@]} files formatted"
command -v black > /dev/null || { echo "check-format.sh: black not found (scripts/setup.sh --test installs it)" >&2; exit 1; }
mapfile -t python < <(find analysis tests bench scripts -name '*.py' -not -path '*/build/*' | sort)
python+=(analysis/ecosim-analysis)
black --config pyproject.toml --check --quiet "${python[@]}" ||
  { echo "check-format.sh: run black --config pyproject.toml on the files above" >&2; exit 1; }
echo "check-format.sh: ${#python[@]} Python files formatted"
