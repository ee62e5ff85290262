#!/usr/bin/env bash
# Installs the Debian 12 packages Peregrine builds and tests with. Idempotent: installs only what is missing.
# Needs root (or sudo) when something is missing.
set -euo pipefail
pkgs=(
  build-essential cmake ninja-build ccache pkg-config git
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libthrift-dev thrift-compiler
  libboost-dev libcurl4-openssl-dev libssl-dev zlib1g-dev
  nlohmann-json3-dev libyaml-cpp-dev libspdlog-dev librocksdb-dev libjemalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  nodejs npm curl ca-certificates chromium
  golang-go golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
# nodejs/npm may come from elsewhere (e.g. a preinstalled Node 20): skip them if the commands exist.
filtered=()
for p in "${missing[@]}"; do
  case "$p" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  filtered+=("$p")
done
[ ${#filtered[@]} -eq 0 ] && exit 0
echo "install-deps: installing ${filtered[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${filtered[@]}"
