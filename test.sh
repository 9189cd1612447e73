#!/usr/bin/env bash
# The test command (README: "Run the tests"). Installs what the tests need on a fresh machine, then
# runs every test project. Nothing here reaches beyond 127.0.0.1 except the package registries.
set -euo pipefail
cd "$(dirname "$0")"

# The kustomize test renders config/default with `kubectl kustomize`, which works offline.
if ! command -v kubectl >/dev/null 2>&1; then
  echo "test.sh: kubectl not found; installing Debian's kubectl package"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq kubectl
fi

# The backtest report test renders the HTML report in Debian's headless Chromium.
if ! command -v chromium >/dev/null 2>&1; then
  echo "test.sh: chromium not found; installing Debian's chromium package"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium
fi

dotnet test Tern.slnx "$@"
