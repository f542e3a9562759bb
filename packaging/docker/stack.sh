#!/usr/bin/env bash
# Drives the Docker stack in docker-compose.yml; the make targets in mk/stack.mk call it.
#   stack.sh image | start | stop | status | restart | clean
# Environment:
#   COMPOSE_PROFILES       "full" (default) adds Schema Registry, the Kafka UI and Airflow; empty:
#                          only kafka1..3, generator and processor
#   LOCAL_IMAGES=1         use the images built by packaging/local-images/build.sh (no registry)
#   COMPOSE_PROJECT_NAME   default "paypulse"
#   STACK_WAIT_SECONDS     how long start waits for the containers to be healthy (default 300)
#   STACK_RUNNING_ONLY     services that only have to be running, not healthy (default none)
#   YES=1                  clean without asking
# With the profile "full", start first writes the Airflow login and keys to .env (mode 600, gitignored)
# if they are not there yet (packaging/docker/airflow-secrets.sh) and prints the password that one
# time only; later starts say where it is kept.
# Uses `docker compose` (v2) when available, else docker-compose (v1).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

export COMPOSE_PROJECT_NAME=${COMPOSE_PROJECT_NAME:-paypulse}
export COMPOSE_PROFILES=${COMPOSE_PROFILES-full}
wait_seconds=${STACK_WAIT_SECONDS:-300}
running_only=${STACK_RUNNING_ONLY-}

if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi
docker info >/dev/null 2>&1 || { echo "Docker is not running: start it (as root: bash packaging/docker/ensure-engine.sh)." >&2; exit 1; }

if [ "${LOCAL_IMAGES:-}" = 1 ]; then
    bash packaging/local-images/build.sh >/dev/null
    set -a; . ./.env.local; set +a
fi

. packaging/docker/airflow-secrets.sh
full_profile() { [[ ",$COMPOSE_PROFILES," == *,full,* ]]; }
# With the full profile the generator registers the event schema and writes the Confluent wire
# format; the processor reads both. Without it there is no registry: plain JSON.
if full_profile; then
    export PAYPULSE_SCHEMA_REGISTRY_URL=${PAYPULSE_SCHEMA_REGISTRY_URL-http://schema-registry:8081}
fi

now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }

build_image() {
    local image=${PAYPULSE_IMAGE:-paypulse/pipeline:latest} base=${PAYPULSE_BASE_IMAGE:-eclipse-temurin:17-jre} start out
    [ -f pipeline-core/target/paypulse.jar ] || { echo "pipeline-core/target/paypulse.jar is missing: make jar" >&2; exit 1; }
    start=$(now)
    # Legacy builder: needs no buildx plugin; output shown only on failure.
    out=$(DOCKER_BUILDKIT=0 docker build --build-arg "BASE_IMAGE=$base" -f packaging/Dockerfile -t "$image" . 2>&1) \
        || { echo "$out" >&2; echo "Could not build $image on $base; without a registry: LOCAL_IMAGES=1" >&2; exit 1; }
    echo "Built $image on $base in $(since "$start") s"
}

# One line per container of the project: service, state, health ("-" without a healthcheck).
states() {
    local ids
    ids=$(docker ps -aq --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME")
    [ -n "$ids" ] || return 0
    docker inspect -f '{{ index .Config.Labels "com.docker.compose.service" }} {{ .State.Status }} {{ if .State.Health }}{{ .State.Health.Status }}{{ else }}-{{ end }} {{ .State.ExitCode }}' $ids
}

wait_ready() {
    local start=$1 deadline=$(( $(date +%s) + wait_seconds )) pending service state health code
    while :; do
        pending=()
        while read -r service state health code; do
            [ -n "$service" ] || continue
            if [ "$state" = exited ] && [ "$code" = 0 ] && [ "$health" = - ]; then continue; fi  # one-shot (airflow-init)
            if [ "$state" != running ]; then pending+=("$service:$state"); continue; fi
            case " $running_only " in *" $service "*) continue ;; esac
            [ "$health" = - ] || [ "$health" = healthy ] || pending+=("$service:$health")
        done < <(states)
        [ ${#pending[@]} -eq 0 ] && break
        if [ "$(date +%s)" -ge "$deadline" ]; then
            echo "Not ready after ${wait_seconds} s: ${pending[*]} (docker logs <container> shows why)" >&2
            exit 1
        fi
        sleep 2
    done
    echo "Stack '$COMPOSE_PROJECT_NAME' ready in $(since "$start") s (running only, not health-checked: ${running_only:-none})"
}

# Each processor replica's published /health and /metrics (a port of PROCESSOR_HTTP_PORTS; see
# docker-compose.yml and docs/decisions/0011-processor-replicas.md).
processor_urls() {
    local n=1 address
    while address=$("${compose[@]}" port --index="$n" processor 8080 2>/dev/null) && [ -n "$address" ]; do
        echo "  Processor $n:      http://$address/health  /metrics"
        n=$((n + 1))
    done
}

urls() {
    echo "  Kafka:            localhost:${KAFKA1_PORT:-19092},localhost:${KAFKA2_PORT:-29092},localhost:${KAFKA3_PORT:-39092}"
    processor_urls
    if full_profile; then
        echo "  Schema Registry:  http://localhost:${SCHEMA_REGISTRY_PORT:-8081}"
        echo "  Kafka UI:         http://localhost:${KAFKA_UI_PORT:-8090}"
        echo "  $(airflow_login_line .env)"
    fi
    echo "  CSV outputs:      volume ${COMPOSE_PROJECT_NAME}_processor-data, directory output/"
}

case "${1:-}" in
    image) build_image ;;
    start)
        start=$(now)
        if full_profile; then airflow_secrets_ensure .env; fi
        "${compose[@]}" up -d || {
            echo "Could not start the stack. Without a container registry, use the local images and the core" >&2
            echo "services only: make start-pipeline LOCAL_IMAGES=1 COMPOSE_PROFILES=" >&2
            if full_profile; then airflow_login_line .env >&2; fi
            exit 1
        }
        wait_ready "$start"
        urls ;;
    stop)
        # All profiles, so that containers of every service go, whatever COMPOSE_PROFILES is now.
        COMPOSE_PROFILES=full "${compose[@]}" down --remove-orphans ;;
    status)
        COMPOSE_PROFILES=full "${compose[@]}" ps
        states | awk '{ printf "  %-18s %-8s %s\n", $1, $2, $3 }'
        processor_urls ;;
    restart)
        "$0" stop
        "$0" start ;;
    clean)
        if [ "${YES:-}" != 1 ]; then
            read -r -p "Remove the stack '$COMPOSE_PROJECT_NAME' and its volumes (Kafka data, CSV outputs, Airflow DB)? [y/N] " answer
            [[ "$answer" == [yY]* ]] || { echo "Nothing removed."; exit 0; }
        fi
        COMPOSE_PROFILES=full "${compose[@]}" down -v --remove-orphans ;;
    *) echo "usage: $0 image|start|stop|status|restart|clean" >&2; exit 2 ;;
esac
