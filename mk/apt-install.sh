#!/usr/bin/env bash
# Installs Debian packages for a set-up step, or, when not root, says which command to run and fails.
#   bash mk/apt-install.sh "what they are for" package...
# One place for that rule: mk/setup-test-env.sh and packaging/docker/ensure-engine.sh use it.
set -euo pipefail
name=$1; shift
if [ "$(id -u)" -ne 0 ]; then
  echo "setup: $name: missing $*; install with: sudo apt-get install -y --no-install-recommends $*" >&2
  exit 1
fi
echo "setup: $name: installing $*"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "$@" >/dev/null
