#!/usr/bin/env bash
# Renders one CR file with `peregrine-operator generate` and validates every object it prints against the
# official Kubernetes schemas (validate.mjs). Usage: check_generated.sh OPERATOR_BINARY CR_FILE
set -euo pipefail
operator="$1"
cr_file="$2"
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -d "$here/node_modules/kubernetes-models" ]; then
  echo "tests/schema/node_modules is missing: run 'npm ci' in tests/schema (make npm-deps does it)" >&2
  exit 1
fi
"$operator" generate --cr "$cr_file" | node "$here/validate.mjs"
