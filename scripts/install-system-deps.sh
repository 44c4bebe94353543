#!/usr/bin/env bash
# Installs the system tools the tests need, on Debian/Ubuntu (run as root or with sudo):
#   scripts/install-system-deps.sh
# Today that is a MySQL-compatible server binary (MariaDB from Debian's packages). Every tool is
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
