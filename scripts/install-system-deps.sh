#!/usr/bin/env bash
# Installs the system tools the tests need, on Debian/Ubuntu (run as root or with sudo):
#   scripts/install-system-deps.sh
# Node.js 24 when the machine's node is older, a MySQL-compatible server binary (MariaDB), jq, openssl, Chromium,
# actionlint, helm and podman. Every tool is skipped when already present, so the script is cheap to
# run again. The Kubernetes control plane of `npm run test:cluster` is not a system tool:
# scripts/cluster/build-control-plane.sh builds it as the user who runs the tests (.ci/run does).
set -euo pipefail

SUDO=''
if [[ $(id -u) -ne 0 ]]; then SUDO='sudo'; fi
apt_updated=''
apt_install() {
  if [[ -z $apt_updated ]]; then
    $SUDO apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

have() { command -v "$1" >/dev/null 2>&1 || [[ -x /usr/sbin/$1 ]]; }

# Node.js 24, the version the project supports and is tested on (.nvmrc; CI and the images use it).
# When the machine's node is older, Node's Linux build (npm registry package node-linux-<arch>) goes
# into a prefix of its own with npm beside it, laid out as nodejs.org ships it; nothing else on the
# machine changes. .ci/run puts its bin/ first in PATH, and so can you (the line printed below).
NODE24_VERSION=24.21.0
NODE24_NPM_VERSION=11.19.1
NODE24_PREFIX=/opt/taskboard-node24
node_version=$(node --version 2>/dev/null || echo none)
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
case $(uname -m) in
  x86_64) node_arch=x64 ;;
  aarch64 | arm64) node_arch=arm64 ;;
  *) node_arch='' ;;
esac
if ((node_major >= 24)); then
  echo "node: present ($node_version)"
elif [[ $("$NODE24_PREFIX/bin/node" --version 2>/dev/null) == "v$NODE24_VERSION" && -x $NODE24_PREFIX/bin/npm ]]; then
  echo "node: $node_version here; Node $NODE24_VERSION present in $NODE24_PREFIX (use it: export PATH=$NODE24_PREFIX/bin:\$PATH)"
elif [[ -z $node_arch || $node_major -eq 0 ]]; then
  # not fatal: the other tools install without it, and .ci/run and npm start say it again
  if ((node_major == 0)); then found='not found'; else found="$node_version here, no Node 24 build for $(uname -m) in the npm registry"; fi
  echo "node: $found: install Node 24 yourself (with nvm: \`nvm install\` in the repository reads .nvmrc)" >&2
else
  echo "node: $node_version here; installing Node $NODE24_VERSION (npm $NODE24_NPM_VERSION) in $NODE24_PREFIX from the npm registry ..."
  node_work=$(mktemp -d)
  trap 'rm -rf "$node_work"' EXIT
  (cd "$node_work" && npm pack --silent "node-linux-$node_arch@$NODE24_VERSION" "npm@$NODE24_NPM_VERSION" >/dev/null)
  stage=$NODE24_PREFIX.new
  $SUDO rm -rf "$stage"
  $SUDO mkdir -p "$stage/lib/node_modules/npm"
  # the package holds bin/node, include/, share/ and LICENSE as the nodejs.org tarball does
  $SUDO tar -xzf "$node_work/node-linux-$node_arch-$NODE24_VERSION.tgz" -C "$stage" --strip-components=1 \
    --no-same-owner --exclude=package/package.json
  $SUDO tar -xzf "$node_work/npm-$NODE24_NPM_VERSION.tgz" -C "$stage/lib/node_modules/npm" --strip-components=1 \
    --no-same-owner
  $SUDO ln -s ../lib/node_modules/npm/bin/npm-cli.js "$stage/bin/npm"
  $SUDO ln -s ../lib/node_modules/npm/bin/npx-cli.js "$stage/bin/npx"
  "$stage/bin/node" --version >/dev/null
  $SUDO rm -rf "$NODE24_PREFIX"
  $SUDO mv "$stage" "$NODE24_PREFIX"
  echo "node: Node $NODE24_VERSION installed; use it: export PATH=$NODE24_PREFIX/bin:\$PATH"
fi

# A MySQL-compatible server: npm start and the tests start their own from this binary.
if have mariadbd || have mysqld; then
  echo "database server: present ($( (command -v mariadbd || command -v mysqld || ls /usr/sbin/mariadbd /usr/sbin/mysqld) 2>/dev/null | head -1))"
else
  echo "database server: installing mariadb-server ..."
  apt_install mariadb-server
  # Debian's package starts a system service where it can; the project never uses it.
  (service mariadb stop || true) >/dev/null 2>&1
fi

# jq, for `npm run test:cluster`: deploy/helm/README.md makes the database Secret with it, and the test
# runs those lines as written.
if command -v jq >/dev/null 2>&1; then
  echo "jq: present"
else
  echo "jq: installing jq ..."
  apt_install jq
fi

# openssl, for gateway-api's TLS-to-the-database test: it makes a CA and a server certificate.
if command -v openssl >/dev/null 2>&1; then
  echo "openssl: present"
else
  echo "openssl: installing openssl ..."
  apt_install openssl
fi

# Chromium, for web-client's e2e tests: driven by playwright-core at /usr/bin/chromium (never
# `npx playwright install`, whose downloads are not reachable everywhere). Debian's package; the
# fonts are only recommended by it, and without them screenshots show boxes for text.
if [[ -x /usr/bin/chromium ]]; then
  echo "chromium: present (/usr/bin/chromium)"
else
  echo "chromium: installing chromium ..."
  apt_install chromium fonts-liberation
fi

# actionlint, for `npm run check:workflows`: built with Go (not in Debian or npm).
ACTIONLINT_VERSION=v1.7.12
if command -v actionlint >/dev/null 2>&1 || { command -v go >/dev/null 2>&1 && [[ -x $(go env GOPATH)/bin/actionlint ]]; }; then
  echo "actionlint: present"
elif command -v go >/dev/null 2>&1; then
  echo "actionlint: installing $ACTIONLINT_VERSION with go install ..."
  go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
else
  echo "actionlint: needs Go (https://go.dev/dl/ or Debian's golang-go) to install; install Go and run this again" >&2
  exit 1
fi

# helm, for the chart tests (test/helm) and deploys: built with Go (not in Debian or npm).
HELM_VERSION=v4.3.1
if command -v helm >/dev/null 2>&1 || { command -v go >/dev/null 2>&1 && [[ -x $(go env GOPATH)/bin/helm ]]; }; then
  echo "helm: present"
elif command -v go >/dev/null 2>&1; then
  echo "helm: installing $HELM_VERSION with go install (takes a few minutes) ..."
  go install "helm.sh/helm/v4/cmd/helm@$HELM_VERSION"
else
  echo "helm: needs Go (https://go.dev/dl/ or Debian's golang-go) to install; install Go and run this again" >&2
  exit 1
fi

# podman (and runc), for `npm run images:test`: builds and runs the real Dockerfiles without a
# Docker engine.
if command -v podman >/dev/null 2>&1; then
  echo "podman: present"
else
  echo "podman: installing podman ..."
  apt_install podman runc uidmap
fi
