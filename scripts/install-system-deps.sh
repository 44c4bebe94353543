#!/usr/bin/env bash
# Installs the system tools the tests need, on Debian/Ubuntu (run as root or with sudo):
#   scripts/install-system-deps.sh
# A MySQL-compatible server binary (MariaDB), Chromium, actionlint, helm and podman. Every tool is
# skipped when already present, so the script is cheap to run again.
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

# A MySQL-compatible server: npm start and the tests start their own from this binary.
if have mariadbd || have mysqld; then
  echo "database server: present ($( (command -v mariadbd || command -v mysqld || ls /usr/sbin/mariadbd /usr/sbin/mysqld) 2>/dev/null | head -1))"
else
  echo "database server: installing mariadb-server ..."
  apt_install mariadb-server
  # Debian's package starts a system service where it can; the project never uses it.
  (service mariadb stop || true) >/dev/null 2>&1
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
