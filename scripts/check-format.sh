#!/usr/bin/env bash
# Fails when a C++ file of sim/, tests/ or bench/ is not formatted as .clang-format says.
# Fix with: clang-format -i $(git ls-files '*.cpp' '*.hpp')
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format > /dev/null || { echo "check-format.sh: clang-format not found (scripts/setup.sh installs it)" >&2; exit 1; }
mapfile -t files < <(find sim tests bench -name '*.cpp' -o -name '*.hpp' | sort)
clang-format --dry-run --Werror "${files[@]}"
echo "check-format.sh: ${#files[@]} files formatted"
