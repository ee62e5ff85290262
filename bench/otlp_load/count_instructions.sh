#!/usr/bin/env bash
# Instructions the all-in-one executes per ingested span, measured with valgrind's callgrind on a fixed amount of
# work (deterministic, unaffected by other load on the machine): the server runs under callgrind, peregrine-otlp-load
# sends SPANS spans over OTLP/gRPC (the queue is large enough that nothing is rejected, so no retried work), the
# queue drains, the server stops, and the instruction total is compared with an idle run (start, stop) of the same
# server. Prints total and per-span instruction counts.
#
# usage: bench/otlp_load/count_instructions.sh [BIN_DIR] [SPANS]
set -euo pipefail
BIN=${1:-build/bin}
SPANS=${2:-100000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run_server() {  # $1 = label, $2 = spans to send (0 = idle)
  rm -f "$tmp/ports.json"
  valgrind --tool=callgrind --callgrind-out-file="$tmp/$1.out" \
    "$BIN/peregrine-all-in-one" --collector.queue-size=$((SPANS + 100000)) --collector.num-workers=2 \
    --collector.otlp.grpc.host-port=127.0.0.1:0 --collector.otlp.http.host-port=127.0.0.1:0 \
    --query.http-server.host-port=127.0.0.1:0 --query.grpc-server.host-port=127.0.0.1:0 \
    --admin.http.host-port=127.0.0.1:0 --collector.http-server.host-port=127.0.0.1:0 \
    --collector.grpc-server.host-port=127.0.0.1:0 --processor.jaeger-compact.server-host-port=127.0.0.1:0 \
    --processor.jaeger-binary.server-host-port=127.0.0.1:0 --processor.zipkin-compact.server-host-port=127.0.0.1:0 \
    --http-server.host-port=127.0.0.1:0 --log-level=warn --peregrine.ports-file="$tmp/ports.json" \
    2> "$tmp/$1.log" &
  local pid=$!
  for _ in $(seq 1 3000); do [ -f "$tmp/ports.json" ] && break; sleep 0.05; done
  local grpc_port admin_port
  grpc_port=$(sed -E 's/.*"otlp_grpc": *([0-9]+).*/\1/' "$tmp/ports.json")
  admin_port=$(sed -E 's/.*"admin_http": *([0-9]+).*/\1/' "$tmp/ports.json")
  if [ "$2" -gt 0 ]; then
    "$BIN/peregrine-otlp-load" --target=127.0.0.1:$grpc_port --in-flight=4 --decode-seconds=0 \
      --max-spans="$2" --seconds=3600 > "$tmp/$1.load"
    for _ in $(seq 1 6000); do
      q=$(curl -s "http://127.0.0.1:$admin_port/metrics" | awk '/^jaeger_collector_queue_length/ {print $2}')
      [ "${q%.*}" = "0" ] && break
      sleep 0.1
    done
  fi
  kill -TERM $pid
  wait $pid || true
  sed -nE 's/.*Collected : ([0-9]+).*/\1/p' "$tmp/$1.log"
}

idle=$(run_server idle 0)
busy=$(run_server busy "$SPANS")
acked=$(sed -nE 's/^RESULT acked_spans=([0-9]+).*/\1/p' "$tmp/busy.load")
awk -v idle="$idle" -v busy="$busy" -v acked="$acked" 'BEGIN {
  printf "INSTRUCTIONS spans=%d idle_ir=%.0f busy_ir=%.0f ir_per_span=%.0f\n", acked, idle, busy, (busy - idle) / acked
}'
