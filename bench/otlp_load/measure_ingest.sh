#!/usr/bin/env bash
# End-to-end ingest measurement with CPU accounting: starts the all-in-one exactly as scripts/run-bench.sh does,
# sends a fixed amount of work (--max-spans) or runs for a time (--seconds) with peregrine-otlp-load, waits for the
# queue to drain, checks zero loss, and reports spans/s plus the CPU (utime+stime from /proc/<pid>/stat) the server
# and the load generator spent per span. CPU-per-span is far less sensitive to other load on the machine than
# wall-clock rates.
#
# usage: [QUEUE_SIZE=200000] [NUM_WORKERS=2] bench/otlp_load/measure_ingest.sh [BIN_DIR] [peregrine-otlp-load flags,
#        e.g. --max-spans=2000000]
set -euo pipefail
BIN=${1:-build/bin}
shift || true
LOAD_FLAGS=("$@")
[ ${#LOAD_FLAGS[@]} -eq 0 ] && LOAD_FLAGS=(--max-spans=2000000 --seconds=120)

tmp=$(mktemp -d)
"$BIN/peregrine-all-in-one" --collector.queue-size="${QUEUE_SIZE:-200000}" --collector.num-workers="${NUM_WORKERS:-2}" \
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

ticks=$(getconf CLK_TCK)
# utime + stime (fields 14 and 15 of /proc/<pid>/stat; the command name may contain spaces, so cut after ')').
cpu_ticks() { sed -E 's/^.*\) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
metric() {
  curl -s "http://127.0.0.1:$admin_port/metrics" | awk -v re="$1" '$0 ~ re {s+=$2} END {printf "%d", s}'
}

cpu0=$(cpu_ticks $pid)
t0=$(date +%s.%N)
/usr/bin/time -f "loadgen_cpu_s=%U+%S" -o "$tmp/loadgen_time" \
  "$BIN/peregrine-otlp-load" --target=127.0.0.1:$grpc_port --in-flight=8 "${LOAD_FLAGS[@]}" | tee "$tmp/load.out"
# Wait for the queue to drain; the server's CPU is read once every accepted span is stored.
for _ in $(seq 1 3000); do
  q=$(curl -s "http://127.0.0.1:$admin_port/metrics" | awk '/^jaeger_collector_queue_length/ {print $2}')
  [ "${q%.*}" = "0" ] && break
  sleep 0.01
done
t1=$(date +%s.%N)
cpu1=$(cpu_ticks $pid)

acked=$(sed -nE 's/^RESULT acked_spans=([0-9]+).*/\1/p' "$tmp/load.out")
saved=$(metric '^jaeger_collector_spans_saved_by_svc_total.*result="ok"')
loadgen_cpu=$(sed -nE 's/loadgen_cpu_s=([0-9.]+)\+([0-9.]+)/\1 \2/p' "$tmp/loadgen_time" | awk '{print $1 + $2}')
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
awk -v acked="$acked" -v saved="$saved" -v c0="$cpu0" -v c1="$cpu1" -v hz="$ticks" -v t0="$t0" -v t1="$t1" \
    -v lg="$loadgen_cpu" -v rss="$rss_kb" 'BEGIN {
  server_cpu = (c1 - c0) / hz
  printf "MEASURE acked=%d saved=%d lost=%d wall_incl_drain_s=%.2f server_cpu_s=%.2f server_cpu_us_per_span=%.2f loadgen_cpu_us_per_span=%.2f rss_kb=%d\n",
    acked, saved, acked - saved, t1 - t0, server_cpu, server_cpu * 1e6 / acked, lg * 1e6 / acked, rss
}'
kill -TERM $pid
wait $pid || true
