#!/usr/bin/env bash
# Builds oneTBB with ThreadSanitizer into build/tbb-tsan/install, which the tsan preset links.
# Debian's libtbb is not built with ThreadSanitizer, so the sanitizer could not see how its
# scheduler orders a loop's tasks, and would report races that are not there. The source is
# Debian's own package of oneTBB (apt-get source; scripts/setup.sh --test adds the deb-src entry).
# Takes about 10 s on 2 cores; does nothing when the build is there.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=$PWD/build/tbb-tsan
[ -f "$dest/install/lib/cmake/TBB/TBBConfig.cmake" ] && exit 0
rm -rf "$dest" && mkdir -p "$dest" && cd "$dest"
apt-get source --download-only -qq onetbb 2>&1 | grep -v 'unsandboxed' || true
tar xf onetbb_*.orig.tar.xz
source_dir=$(ls -d oneTBB-*/ | head -1)
cmake -S "$source_dir" -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DTBB_SANITIZE=thread -DTBB_TEST=OFF -DTBBMALLOC_BUILD=OFF \
  -DTBB_STRICT=OFF -DTBB_DISABLE_HWLOC_AUTOMATIC_SEARCH=ON -DCMAKE_INSTALL_PREFIX="$dest/install" \
  > configure.log
cmake --build build -j "$(nproc)" > build.log
cmake --install build > install.log
echo "tsan-tbb: oneTBB ($source_dir) with ThreadSanitizer in $dest/install"
