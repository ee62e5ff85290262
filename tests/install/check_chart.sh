#!/usr/bin/env bash
# Renders the chart with the given `helm template` arguments (see render_chart.sh) and validates every object
# against the Kubernetes schemas and the install consistency rules (validate_k8s.mjs).
#   check_chart.sh NAMESPACE [extra helm template flags...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
namespace="$1"
shift
rendered="$(mktemp)"
trap 'rm -f "$rendered"' EXIT
"$here/render_chart.sh" peregrine-operator "$here/../../charts/peregrine-operator" --namespace "$namespace" \
  --include-crds "$@" > "$rendered"
node "$here/validate_k8s.mjs" --namespace "$namespace" "$rendered"
