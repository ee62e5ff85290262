#!/usr/bin/env bash
# Renders a kustomization offline with kubectl's built-in kustomize and validates every object
# (validate_k8s.mjs).   check_kustomize.sh KUSTOMIZATION_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
kubectl="${KUBECTL:-kubectl}"
rendered="$(mktemp)"
trap 'rm -f "$rendered"' EXIT
"$kubectl" kustomize "$1" > "$rendered"
node "$here/validate_k8s.mjs" --namespace peregrine-system "$rendered"
