#!/usr/bin/env bash
# Installs the npm packages the interop and browser tests use (from each package.json under tests/), once.
set -euo pipefail
cd "$(dirname "$0")/.."
for dir in tests/*/; do
  [ -f "$dir/package.json" ] || continue
  stamp="$dir/node_modules/.peregrine-stamp"
  if [ -f "$stamp" ] && [ "$stamp" -nt "$dir/package.json" ] && { [ ! -f "$dir/package-lock.json" ] || [ "$stamp" -nt "$dir/package-lock.json" ]; }; then
    continue
  fi
  echo "npm-deps: installing $dir"
  if [ -f "$dir/package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  else
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  fi
  touch "$stamp"
done
