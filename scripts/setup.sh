#!/usr/bin/env bash
# Installs every Debian 12 package ecosim needs to build, test, benchmark and analyse.
# Idempotent: apt-get skips what is already installed. Run as root (or it uses sudo).
set -euo pipefail

packages=(
  cmake g++ make pkg-config git clang-format
  # Python formatting (scripts/check-format.sh)
  black
  # the fuzz preset: libFuzzer with ASan+UBSan (clang), symbolized reports
  clang llvm
  libboost-program-options-dev libboost-random-dev
  libtbb-dev librandom123-dev libtomlplusplus-dev
  libhdf5-dev hdf5-tools
  libgtest-dev libbenchmark-dev
  python3 python3-numpy python3-h5py python3-pandas python3-xarray python3-h5netcdf
  python3-matplotlib python3-pytest python3-scipy
  # the analysis package installed with pip into a virtual environment (README, "Analysis")
  python3-pip python3-venv python3-setuptools python3-wheel
  # sweeps on clusters: the MPI runner (ecosim_mpi) and a real one-node Slurm cluster in the tests
  openmpi-bin libopenmpi-dev openssh-client slurm-wlm munge
  # the analysis report's browser test: headless Chromium driven by Selenium, with a font
  chromium chromium-driver python3-selenium fonts-dejavu-core
)

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup.sh: run as root (sudo not found)" >&2; exit 1; }
  as_root=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
# The tsan preset builds oneTBB from Debian's source package (scripts/tsan-tbb.sh): apt needs
# a deb-src entry for Debian 12's main archive.
if ! grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  printf '%s\n' 'Types: deb-src' 'URIs: http://deb.debian.org/debian' \
    'Suites: bookworm bookworm-updates' 'Components: main' \
    'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' |
    "${as_root[@]}" tee /etc/apt/sources.list.d/ecosim-deb-src.sources > /dev/null
fi
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}"
echo "setup.sh: all ${#packages[@]} packages present"
