#!/usr/bin/env bash
# Builds the release preset and runs every test: GoogleTest units, end-to-end runs of every
# scenario, read-back from C++ and Python (pytest on /usr/bin/python3), CLI and thread checks.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release > /dev/null
cmake --build --preset release
ctest --preset release -j "$(nproc)"
