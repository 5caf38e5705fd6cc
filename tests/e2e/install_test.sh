#!/usr/bin/env bash
# ecosim as a user installs it: `cmake --install` into a fresh prefix, then the default scenario
# run from there, its man page and bash completion; `cpack -G DEB` makes a package that depends
# on its runtime libraries, that apt would install (simulated), and whose files run the default
# scenario; as root on a machine without an ecosim package (CI's), apt really installs it, the
# installed ecosim runs the default scenario, and the package is removed again.
#   usage: install_test.sh BUILD_DIR OUT_DIR
set -uo pipefail
build=$1 out=$2
rm -rf "$out" && mkdir -p "$out"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# runs_default PREFIX NAME: the installed ecosim runs the installed default scenario (3 months)
# into $out/NAME.h5.
runs_default() {
  local prefix=$1 file=$out/$2.h5
  "$prefix/bin/ecosim" run "$prefix/share/ecosim/scenarios/default.toml" --steps 3 -o "$file" \
    > "$out/run.log" 2>&1 || { fail "$prefix: run failed: $(tail -1 "$out/run.log")"; return; }
  grep -q "^wrote $file" "$out/run.log" || fail "$prefix: no 'wrote' line: $(head -1 "$out/run.log")"
  h5ls "$file/indicators/jobs" > /dev/null || fail "$prefix: no indicators/jobs in the run file"
}

prefix=$out/prefix
cmake --install "$build" --prefix "$prefix" > "$out/install.log" 2>&1 || fail "cmake --install failed: $(tail -1 "$out/install.log")"
runs_default "$prefix" installed
for f in share/ecosim/scenarios/sweeps share/doc/ecosim/README.md share/doc/ecosim/docs/FORMAT.md; do
  [ -e "$prefix/$f" ] || fail "not installed: $f"
done
if command -v help2man > /dev/null; then
  man -l "$prefix/share/man/man1/ecosim.1" 2> /dev/null | grep -q 'checkpoint-every' ||
    fail "the man page lacks the commands' options"
fi
completion=$prefix/share/bash-completion/completions/ecosim
complete_line() {  # WORD...: what the completion offers for the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ecosim; echo "${COMPREPLY[*]}"' _ "$completion" "$@"
}
[ "$(complete_line ecosim re)" = "resume" ] || fail "commands: 're' gave '$(complete_line ecosim re)'"
[ "$(complete_line ecosim sweep --no)" = "--no-redo-changed" ] || fail "options: 'sweep --no' gave '$(complete_line ecosim sweep --no)'"
[ "$(complete_line ecosim run --set simulation.se)" = "simulation.seed=" ] || fail "keys: gave '$(complete_line ecosim run --set simulation.se)'"
complete_line ecosim run --set policy.municipality.min_ext | grep -q 'policy.municipality.min_external_share=' ||
  fail "keys: no policy.municipality.min_external_share"

if command -v dpkg-shlibdeps > /dev/null; then
  (cd "$build" && cpack -G DEB -B "$out/package" > "$out/cpack.log" 2>&1) || fail "cpack failed: $(tail -1 "$out/cpack.log")"
  deb=$(ls "$out"/package/ecosim_*.deb 2> /dev/null | head -1)
  if [ -z "$deb" ]; then
    fail "cpack wrote no .deb"
  else
    depends=$(dpkg-deb -f "$deb" Depends)
    # Each shared library the binaries load comes from a package the .deb depends on.
    checked=0
    for binary in "$build/ecosim" "$build/ecosim_mpi"; do
      [ -x "$binary" ] || continue
      for lib in $(objdump -p "$binary" | awk '/NEEDED/ { print $2 }'); do
        owners=$(dpkg -S "*/$lib" 2> /dev/null | cut -d: -f1 | sort -u)
        [ -n "$owners" ] || continue
        checked=$((checked + 1))
        grep -qwF -f <(echo "$owners") <<< "$depends" ||
          fail "$(basename "$binary") loads $lib (from $(echo $owners)), which the package does not depend on: $depends"
      done
    done
    [ "$checked" -ge 5 ] || fail "only $checked shared libraries of the binaries were traced to packages"
    apt-get install -s "$deb" > "$out/apt.log" 2>&1 && grep -q '^Inst ecosim' "$out/apt.log" ||
      fail "apt would not install it: $(tail -2 "$out/apt.log")"
    dpkg -x "$deb" "$out/root" || fail "dpkg -x failed"
    runs_default "$out/root/usr" extracted
    # As root on a machine without an ecosim package (CI's), the package is really installed
    # with apt, run from /usr, and removed again; anywhere else the simulation above stands.
    if [ "$(id -u)" -eq 0 ] && ! dpkg -s ecosim > /dev/null 2>&1; then
      if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" > "$out/apt.log" 2>&1; then
        runs_default /usr apt_installed
        [ "$(command -v ecosim)" = /usr/bin/ecosim ] || fail "apt's ecosim is not on PATH"
      else
        fail "apt-get install failed: $(tail -2 "$out/apt.log")"
      fi
      dpkg -r ecosim > /dev/null 2>&1 || fail "dpkg -r ecosim failed"
      [ ! -e /usr/bin/ecosim ] || fail "/usr/bin/ecosim is left after dpkg -r"
    else
      echo "install: the real apt install skipped (needs root and no ecosim package installed)"
    fi
  fi
else
  echo "install: the package case skipped (dpkg-shlibdeps: scripts/setup.sh installs dpkg-dev)"
fi
[ $failures -eq 0 ] && echo "install: ok"
exit $((failures > 0))
