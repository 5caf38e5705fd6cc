#!/usr/bin/env bash
# Installs the Debian 12 packages ecosim needs, by need:
#   scripts/setup.sh          to build ecosim and run it, its sweeps (MPI) and its analysis;
#   scripts/setup.sh --test   also what the test stages add (scripts/test.sh runs this itself):
#                             clang and LLVM (TSan, fuzzers), formatters, pytest, a one-node Slurm
#                             cluster, headless Chromium, and a deb-src entry for oneTBB's source
#                             (derived from the machine's apt sources; --deb-src-of ETC_APT prints
#                             it for a folder like /etc/apt without installing anything).
# Idempotent: apt-get skips what is already installed. Run as root (or it uses sudo).
set -euo pipefail

case ${1:-} in
  "") test_stages=0 ;;
  --test) test_stages=1 ;;
  --deb-src-of) [ $# -eq 2 ] || { echo "usage: scripts/setup.sh --deb-src-of ETC_APT" >&2; exit 2; } ;;
  *) echo "usage: scripts/setup.sh [--test | --deb-src-of ETC_APT]" >&2; exit 2 ;;
esac

packages=(
  cmake g++ make pkg-config
  libboost-program-options-dev libboost-random-dev
  libtbb-dev librandom123-dev libtomlplusplus-dev
  libhdf5-dev hdf5-tools
  # the unit tests are part of every build tree (CMake needs GoogleTest to configure)
  libgtest-dev
  # cmake --install's man page, and cpack's .deb (its dependencies found by dpkg-shlibdeps,
  # which CPack runs only where `file` is)
  help2man dpkg-dev file
  # sweeps on clusters: the MPI runner (ecosim_mpi)
  openmpi-bin libopenmpi-dev
  # the analysis (analysis/ecosim-analysis) and reading run files from Python
  python3 python3-numpy python3-h5py python3-pandas python3-xarray python3-h5netcdf
  python3-matplotlib python3-scipy
  # the analysis package installed with pip into a virtual environment (README, "Analysis")
  python3-pip python3-venv python3-setuptools python3-wheel
)
test_packages=(
  git clang-format black
  # the installed man page read as a user reads it (e2e.install)
  man-db
  # the tsan and fuzz presets: clang, its sanitizer and libFuzzer runtimes (a Recommends of
  # clang, which --no-install-recommends leaves out), symbolized reports
  clang libclang-rt-dev llvm
  python3-pytest
  # a real one-node Slurm cluster for the sweep tests; ssh for Open MPI's launcher
  openssh-client slurm-wlm munge
  # the analysis report's browser test: headless Chromium driven by Selenium, with a font
  chromium chromium-driver python3-selenium fonts-dejavu-core
)

# The deb-src twin of every enabled deb source under ETC (/etc/apt): same URIs, suites,
# components and keys, so nothing here names a mirror or a release.
# deb822_sources ETC: as stanzas, from ETC/sources.list.d/*.sources.
deb822_sources() {
  local file
  for file in "$1"/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    awk 'function flush() {
           if (n && deb && !off) { for (i = 1; i <= n; i++) print lines[i]; print "" }
           n = 0; deb = 0; off = 0 }
         /^[ \t]*$/ { flush(); next }
         { line = $0
           if (tolower($1) == "types:") {
             for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1
             line = "Types: deb-src" }
           if (tolower($1) == "enabled:" && tolower($2) == "no") off = 1
           lines[++n] = line }
         END { flush() }' "$file"
  done
}
# one_line_sources ETC: as one-line entries, from ETC/sources.list and ETC/sources.list.d/*.list.
one_line_sources() {
  local file
  for file in "$1"/sources.list "$1"/sources.list.d/*.list; do
    [ -f "$file" ] || continue
    sed -n 's/^[[:space:]]*deb[[:space:]]\+/deb-src /p' "$file"
  done
}
# add_sources FILE TEXT: writes TEXT to FILE, saying so.
add_sources() {
  [ -n "$2" ] || return 0
  echo "setup.sh: adding $1 (the tsan stage builds oneTBB from its Debian source):"
  sed 's/^/  /' <<< "$2"
  "${as_root[@]}" tee "$1" <<< "$2" > /dev/null
}

# --deb-src-of ETC_APT: prints the entries --test would add for that folder, installs nothing.
if [ "${1:-}" = --deb-src-of ]; then
  deb822_sources "$2"
  one_line_sources "$2"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup.sh: run as root (sudo not found)" >&2; exit 1; }
  as_root=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
if [ "$test_stages" = 1 ]; then
  packages+=("${test_packages[@]}")
  # The tsan preset builds oneTBB from Debian's source package (scripts/tsan-tbb.sh): apt needs
  # a deb-src entry, derived from the machine's own sources.
  if ! grep -rqsE '^Types:.*deb-src|^[[:space:]]*deb-src[[:space:]]' /etc/apt/sources.list \
    /etc/apt/sources.list.d/; then
    stanzas=$(deb822_sources /etc/apt) lines=$(one_line_sources /etc/apt)
    if [ -z "$stanzas$lines" ]; then
      echo "setup.sh: no deb source in /etc/apt to derive a deb-src entry from" >&2
      exit 1
    fi
    add_sources /etc/apt/sources.list.d/ecosim-deb-src.sources "$stanzas"
    add_sources /etc/apt/sources.list.d/ecosim-deb-src.list "$lines"
  fi
fi
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}"
echo "setup.sh: all ${#packages[@]} packages present"
