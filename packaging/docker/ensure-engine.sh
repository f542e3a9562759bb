#!/usr/bin/env bash
# Makes sure a Docker engine and docker-compose are usable; safe to run any number of times.
#   bash packaging/docker/ensure-engine.sh
# Installs Debian's docker.io + docker-compose with apt if dockerd or a compose command is missing,
# starts dockerd by hand when `docker info` fails (these machines have no systemd), waits up to
# 30 s for it to answer and prints how long all that took. Needs root for the install and the start.
set -euo pipefail

start=$(date +%s.%N)
elapsed() { awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }
log() { echo "ensure-engine: $*"; }

have_compose() {
    docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null 2>&1
}

# A docker CLI alone (e.g. a static client in /usr/local/bin) is not an engine: look for dockerd.
if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1 || ! have_compose; then
    # Not root: it says which sudo apt-get line to run, and fails.
    bash "$(dirname "$0")/../../mk/apt-install.sh" "Docker engine" docker.io docker-compose
fi

if ! docker info >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        log "the Docker engine is not running and only root can start it here." >&2
        exit 1
    fi
    log "starting dockerd (log: /var/log/dockerd.log)"
    # No systemd: start it detached, in its own session so it outlives this script.
    setsid dockerd --host unix:///var/run/docker.sock >>/var/log/dockerd.log 2>&1 </dev/null &
    for _ in $(seq 1 60); do
        docker info >/dev/null 2>&1 && break
        sleep 0.5
    done
    if ! docker info >/dev/null 2>&1; then
        log "dockerd did not answer within 30 s; see /var/log/dockerd.log" >&2
        exit 1
    fi
fi

compose=$(docker compose version >/dev/null 2>&1 && echo "docker compose" || echo "docker-compose")
log "engine $(docker version --format '{{.Server.Version}}') and $compose ready in $(elapsed) s"
