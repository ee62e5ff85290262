#!/usr/bin/env bash
# Guards the schema tests against passing vacuously: validate.mjs must reject testdata/invalid-objects.yaml
# and name each planted problem.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -d "$here/node_modules/kubernetes-models" ]; then
  echo "tests/schema/node_modules is missing: run 'npm ci' in tests/schema (make npm-deps does it)" >&2
  exit 1
fi
output="$(node "$here/validate.mjs" "$here/testdata/invalid-objects.yaml" 2>&1)"
status=$?
echo "$output"
if [ "$status" -ne 1 ]; then
  echo "expected exit status 1, got $status" >&2
  exit 1
fi
for expected in 'replicas must be integer' 'invalid metadata.name "Not_A_Valid_Name"' 'does not match the pod template' \
                'this-port-name-is-too-long' 'port must be integer'; do
  if ! grep -qF -- "$expected" <<<"$output"; then
    echo "missing expected problem: $expected" >&2
    exit 1
  fi
done
