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
bench/otlp_load/measure_ingest.sh "$BIN" --seconds="$SECONDS_RUN" 2>&1 | tee -a "$out"
