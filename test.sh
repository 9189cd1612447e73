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

# The AWS image-copy tests run two real registries (Debian's docker-registry, the CNCF distribution registry) and
# seed them with skopeo. The moto tests need moto_server's Python (pyenv's python3 with moto 5); the Python package
# index is not reachable, so where it is missing those tests are skipped and say why.
for pkg in docker-registry skopeo; do
  if ! command -v "$pkg" >/dev/null 2>&1; then
    echo "test.sh: $pkg not found; installing Debian's $pkg package"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq "$pkg" >/dev/null
  fi
done
if ! python3 -c "import moto.server" >/dev/null 2>&1; then
  echo "test.sh: python3 cannot import moto; the moto tests in tests/Aws.Tests will be skipped"
fi

dotnet test Tern.slnx "$@"
