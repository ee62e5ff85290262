#!/usr/bin/env bash
# Prints, one per line, the Debian packages that provide the shared libraries the given binaries load (from
# ldd, resolved with dpkg -S). The Dockerfiles' build stage runs it so the runtime stage installs exactly the
# runtime libraries and nothing of the build toolchain. Fails when a library belongs to no package.
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: runtime-packages.sh BINARY..." >&2
  exit 2
fi
owner_of() {
  local library="$1" candidate owner
  # Debian 12 merges /lib into /usr/lib, and dpkg knows each file under one of the two spellings.
  for candidate in "$library" "$(readlink -f "$library")" "/usr${library}" "${library#/usr}"; do
    owner="$(dpkg -S "$candidate" 2>/dev/null | head -n1 | cut -d: -f1)" || true
    if [ -n "$owner" ]; then
      echo "$owner"
      return 0
    fi
  done
  echo "runtime-packages.sh: no package provides $library" >&2
  return 1
}
libraries="$(ldd "$@" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u)"
if ldd "$@" | grep -q "not found"; then
  echo "runtime-packages.sh: unresolved libraries:" >&2
  ldd "$@" | grep "not found" >&2
  exit 1
fi
for library in $libraries; do
  owner_of "$library"
done | sort -u
