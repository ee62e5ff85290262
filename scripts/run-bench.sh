#!/usr/bin/env bash
# `make bench`: storage/query micro-benchmarks and the end-to-end OTLP/gRPC ingest run against the all-in-one.
# Prints the figures docs/benchmarks.md records. Everything runs on loopback and stops by itself.
set -euo pipefail
BUILD_DIR=${1:-build}
BIN="$BUILD_DIR/bin"
SECONDS_RUN=${BENCH_SECONDS:-20}
out="$BUILD_DIR/bench-results.txt"
: > "$out"
log() { echo "$@" | tee -a "$out"; }

for b in "$BIN"/peregrine_bench_*; do
  [ -x "$b" ] || continue
  log "== $(basename "$b")"
  "$b" --benchmark_min_time=0.2 2>&1 | tee -a "$out"
done

log "== end-to-end OTLP/gRPC ingest into memory (${SECONDS_RUN}s)"
tmp=$(mktemp -d)
"$BIN/peregrine-all-in-one" --collector.queue-size=200000 --collector.num-workers=2 \
  --collector.otlp.grpc.host-port=127.0.0.1:0 --collector.otlp.http.host-port=127.0.0.1:0 \
  --query.http-server.host-port=127.0.0.1:0 --query.grpc-server.host-port=127.0.0.1:0 \
  --admin.http.host-port=127.0.0.1:0 --collector.http-server.host-port=127.0.0.1:0 \
  --collector.grpc-server.host-port=127.0.0.1:0 --processor.jaeger-compact.server-host-port=127.0.0.1:0 \
  --processor.jaeger-binary.server-host-port=127.0.0.1:0 --processor.zipkin-compact.server-host-port=127.0.0.1:0 \
  --http-server.host-port=127.0.0.1:0 --log-level=warn --peregrine.ports-file="$tmp/ports.json" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 1 500); do [ -f "$tmp/ports.json" ] && break; sleep 0.02; done
port() { sed -E "s/.*\"$1\": *([0-9]+).*/\1/" "$tmp/ports.json"; }
grpc_port=$(port otlp_grpc); admin_port=$(port admin_http)
"$BIN/peregrine-otlp-load" --target=127.0.0.1:$grpc_port --seconds="$SECONDS_RUN" --in-flight=8 | tee -a "$out"
acked=$(grep '^RESULT' "$out" | tail -1 | sed -E 's/.*acked_spans=([0-9]+).*/\1/')
# Wait for the queue to drain, then compare stored spans with acknowledged ones (zero loss).
for _ in $(seq 1 1500); do
  q=$(curl -s "http://127.0.0.1:$admin_port/metrics" | awk '/^jaeger_collector_queue_length/ {print $2}')
  [ "${q%.*}" = "0" ] && break; sleep 0.02
done
saved=$(curl -s "http://127.0.0.1:$admin_port/metrics" | awk '/^jaeger_collector_spans_saved_by_svc_total.*result="ok"/ {s+=$2} END {printf "%d", s}')
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
log "acknowledged=$acked saved=$saved lost=$((acked - saved)) all-in-one RSS=${rss_kb} kB"
kill -TERM $pid; wait $pid || true
