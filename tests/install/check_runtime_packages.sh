#!/usr/bin/env bash
# docker/runtime-packages.sh on a real binary of this build: it must resolve every shared library to an
# installed Debian package (what the Dockerfiles' runtime stage installs), including the C and C++ runtimes.
#   check_runtime_packages.sh BINARY
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
packages="$("$here/../../docker/runtime-packages.sh" "$1")"
echo "$packages"
status=0
for required in libc6 libstdc++6; do
  grep -qx "$required" <<<"$packages" || { echo "missing $required" >&2; status=1; }
done
while read -r package; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || { echo "not an installed package: $package" >&2; status=1; }
  case "$package" in
    *-dev|build-essential|cmake|g++*|gcc*) echo "build-time package in the runtime list: $package" >&2; status=1 ;;
  esac
done <<<"$packages"
exit "$status"
