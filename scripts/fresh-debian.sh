#!/usr/bin/env bash
# README's two commands timed on a fresh Debian 12: a `debootstrap bookworm`-style system made
# in ROOT with this machine's own apt sources (same mirrors and suites), a clone of this
# repository at HEAD with ../shared beside it, each command typed as README gives it, run inside
# `chroot`. What a machine with more installed hides shows here (a package only recommended, a
# tool a test assumes). Needs root, debootstrap and the network; the second command takes
# 15-25 minutes on 2 cores. Keep the machine otherwise idle while it runs.
#   usage: scripts/fresh-debian.sh ROOT [--first-only]
# ROOT is made (a suite of its own; it must not exist, or be a system this script made before,
# which is reused with a new clone); the mounts it adds under ROOT are removed at the end.
set -euo pipefail
root=${1:?usage: scripts/fresh-debian.sh ROOT [--first-only]}
first_only=${2:-}
repo=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "fresh-debian.sh: run as root (debootstrap, chroot)" >&2; exit 2; }
command -v debootstrap > /dev/null || { echo "fresh-debian.sh: apt-get install debootstrap" >&2; exit 2; }
suite=$(. /etc/os-release && echo "$VERSION_CODENAME")  # this machine's release, named by it
if [ ! -e "$root/etc/debian_version" ]; then
  # (either file may be missing: the first URI found in whichever is there)
  mirror=$( (sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources || true
    awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }' \
      /etc/apt/sources.list || true) 2> /dev/null | head -1)
  [ -n "$mirror" ] || { echo "fresh-debian.sh: no deb source in /etc/apt to take the mirror from" >&2; exit 2; }
  start=$SECONDS
  debootstrap "$suite" "$root" "$mirror" > "$root.debootstrap.log" 2>&1
  echo "fresh-debian.sh: debootstrap $suite in $((SECONDS - start)) s"
  # The machine's apt sources as they are (deb lines only: a fresh machine has no deb-src).
  rm -f "$root/etc/apt/sources.list"
  for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list; do
    [ -f "$f" ] && grep -q '^Types: *deb$\|^deb ' "$f" && ! grep -q 'deb-src' "$f" &&
      cp "$f" "$root/etc/apt/${f#/etc/apt/}"
  done
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
cleanup() { for m in dev sys proc; do umount -R "$root/$m" 2> /dev/null || umount -lR "$root/$m" 2> /dev/null || true; done; }
trap cleanup EXIT
mount -t proc proc "$root/proc" && mount --rbind /sys "$root/sys" && mount --rbind /dev "$root/dev"
mkdir -p "$root/work" && rm -rf "$root/work/main" "$root/work/shared"
git clone -q "$repo" "$root/work/main" && cp -a "$repo/../shared" "$root/work/shared"
# The commands as README gives them: the first line of each of its first two ```sh blocks.
mapfile -t commands < <(awk '/^```sh$/ { on = 1; next } on { print; on = 0 }' "$repo/README.md" | head -2)
for k in 0 1; do
  [ "$k" -eq 1 ] && [ "$first_only" = --first-only ] && break
  start=$SECONDS
  chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root TERM=dumb /bin/bash -c "cd /work/main && ${commands[$k]}" > "$root.command$((k + 1)).log" 2>&1 ||
    { echo "fresh-debian.sh: command $((k + 1)) failed after $((SECONDS - start)) s: $root.command$((k + 1)).log" >&2; exit 1; }
  echo "fresh-debian.sh: command $((k + 1)) ok in $((SECONDS - start)) s: ${commands[$k]}"
done
