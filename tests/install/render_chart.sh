#!/usr/bin/env bash
# `helm template` when helm is installed, otherwise the offline chart-renderer built from chart-renderer/ (path in
# $PEREGRINE_CHART_RENDERER). Same arguments as `helm template`: RELEASE CHART_DIR [flags].
set -euo pipefail
if command -v helm >/dev/null 2>&1; then
  exec helm template "$@"
fi
renderer="${PEREGRINE_CHART_RENDERER:-}"
if [ -z "$renderer" ] || [ ! -x "$renderer" ]; then
  echo "render_chart.sh: neither helm nor the chart-renderer (PEREGRINE_CHART_RENDERER=$renderer) is available" >&2
  exit 1
fi
exec "$renderer" "$@"
