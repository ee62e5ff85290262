#!/usr/bin/env bash
# RBAC ⇔ code: renders the chart cluster-wide with leader election (every grant-needing feature on) and
# namespace-scoped (chart-generated and operator-managed webhook certificates), and the namespace-scoped kustomize
# overlay, then checks them and manifests/install.yaml against `peregrine-operator api-calls`
# (rbac_matches_code.mjs).   rbac_matches_code.sh PATH/TO/peregrine-operator
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
operator="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
chart="$root/charts/peregrine-operator"
render() { "$here/render_chart.sh" peregrine-operator "$chart" --namespace peregrine-system --set replicaCount=2 "$@"; }
render > "$work/chart-cluster.yaml"
render --set 'watchNamespaces={observability}' > "$work/chart-namespaced.yaml"
render --set 'watchNamespaces={observability,team-a}' --set webhook.certificateSource=operator \
  > "$work/chart-namespaced-operator-certs.yaml"
"${KUBECTL:-kubectl}" kustomize "$root/manifests/overlays/namespace-scoped" > "$work/kustomize-namespaced.yaml"
node "$here/rbac_matches_code.mjs" --operator "$operator" \
  --install "$work/chart-cluster.yaml" --install "$root/manifests/install.yaml" \
  --namespace-scoped-install "$work/chart-namespaced.yaml" \
  --namespace-scoped-install "$work/chart-namespaced-operator-certs.yaml" \
  --namespace-scoped-install "$work/kustomize-namespaced.yaml"
