#!/usr/bin/env bash
# Builds the local stand-ins for the registry images the stack needs, idempotently, and writes the
# compose overrides that select them to .env.local at the repository root (also printed):
#   paypulse/jre-base:17          Debian 12 + OpenJDK 17 JRE (jre-base.sh), base of the two others
#   paypulse/kafka-local:4.3.1    Kafka 4.3.1 KRaft from Maven Central jars (kafka.sh)
#   paypulse/haproxy-local:2.6    Debian's haproxy, for the docker-proxy service of the profile full
#                                 (haproxy.sh); optional: a failure only warns
# The pipeline image itself is built by `make image LOCAL_IMAGES=1` (packaging/Dockerfile).
# Images are cached as zstd-compressed `docker save` files in ${XDG_CACHE_HOME:-~/.cache}/paypulse/images
# (or $PAYPULSE_IMAGE_CACHE): a second run takes well under a second, a reload after pruning ~10 s.
# Usage: bash packaging/local-images/build.sh      (root the first time: it installs debootstrap)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib.sh"

JRE_BASE_IMAGE=paypulse/jre-base:17
KAFKA_LOCAL_IMAGE=paypulse/kafka-local:4.3.1
HAPROXY_LOCAL_IMAGE=paypulse/haproxy-local:2.6

start=$(now)
docker info >/dev/null 2>&1 || { echo "build.sh: Docker is not running (bash packaging/docker/ensure-engine.sh starts it)" >&2; exit 1; }
step=$(now); bash "$here/jre-base.sh" "$JRE_BASE_IMAGE"; echo "  jre-base: $(since "$step") s"
step=$(now); bash "$here/kafka.sh" "$KAFKA_LOCAL_IMAGE" "$JRE_BASE_IMAGE"; echo "  kafka-local: $(since "$step") s"
# Only the profile full needs it, and that profile needs registry images anyway (Airflow, Postgres):
# the core stack must not depend on it.
step=$(now)
if bash "$here/haproxy.sh" "$HAPROXY_LOCAL_IMAGE" "$JRE_BASE_IMAGE"; then
    echo "  haproxy-local: $(since "$step") s"
    proxy_override="DOCKER_PROXY_IMAGE=$HAPROXY_LOCAL_IMAGE"
else
    echo "  haproxy-local: not built (see above); docker-proxy keeps its registry image" >&2
    proxy_override="# DOCKER_PROXY_IMAGE: $HAPROXY_LOCAL_IMAGE could not be built"
fi

cat >"$root/.env.local" <<ENV
# Written by packaging/local-images/build.sh: compose overrides selecting the locally built images.
KAFKA_IMAGE=$KAFKA_LOCAL_IMAGE
PAYPULSE_BASE_IMAGE=$JRE_BASE_IMAGE
$proxy_override
ENV
echo "local images ready in $(since "$start") s; overrides in .env.local:"
grep -v '^#' "$root/.env.local" | sed 's/^/  /'
