#!/usr/bin/env bash
# Real-kubectl check against the API double: start peregrine-kube-double on an ephemeral port (ports file),
# kubectl apply the Jaeger CRD fixture and the simplest Jaeger example, read it back with
# `kubectl get jaegers -o json`, re-apply (no change), then delete. Exit 77 (skipped) without kubectl.
# usage: kubectl_apply_test.sh <peregrine-kube-double> <crd.yaml> <simplest.yaml>
set -euo pipefail
DOUBLE="$1"; CRD="$2"; CR="$3"
KUBECTL="${KUBECTL:-kubectl}"
command -v "$KUBECTL" >/dev/null 2>&1 || { echo "kubectl not found: skipping"; exit 77; }

WORK="$(mktemp -d /tmp/peregrine-kubectl-XXXXXX)"
PID=""
cleanup() {
  if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$DOUBLE" --port=0 --ports-file="$WORK/ports.json" 2>"$WORK/double.log" &
PID=$!
for _ in $(seq 1 500); do
  [[ -s "$WORK/ports.json" ]] && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/double.log"; echo "double exited early"; exit 1; }
  sleep 0.02
done
[[ -s "$WORK/ports.json" ]] || { echo "double did not write its ports file"; exit 1; }
PORT="$(sed -E 's/.*"http":([0-9]+).*/\1/' "$WORK/ports.json")"

cat >"$WORK/kubeconfig" <<KUBECONFIG
apiVersion: v1
kind: Config
current-context: double
clusters:
- name: double
  cluster: {server: "http://127.0.0.1:${PORT}"}
contexts:
- name: double
  context: {cluster: double, user: tester, namespace: default}
users:
- name: tester
  user: {token: not-checked}
KUBECONFIG
export KUBECONFIG="$WORK/kubeconfig"
k() { "$KUBECTL" --cache-dir="$WORK/cache" --request-timeout=20s "$@"; }

k apply -f "$CRD"
k apply -f "$CR" | tee "$WORK/apply.out"
grep -q "jaeger.jaegertracing.io/simplest created" "$WORK/apply.out"

k get jaegers -o json >"$WORK/jaegers.json"
grep -q '"name": "simplest"' "$WORK/jaegers.json" || { cat "$WORK/jaegers.json"; echo "simplest not listed"; exit 1; }
grep -q '"kind": "Jaeger"' "$WORK/jaegers.json"
grep -q '"apiVersion": "jaegertracing.io/v1"' "$WORK/jaegers.json"

k get jaegers | grep -q '^simplest'
k apply -f "$CR" | grep -q "unchanged"
k get deployments >/dev/null
k delete -f "$CR"
if k get jaegers -o name | grep -q simplest; then echo "simplest still present after delete"; exit 1; fi
echo "kubectl apply/get/delete against the API double: ok"
