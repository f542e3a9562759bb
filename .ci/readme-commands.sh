#!/usr/bin/env bash
# The README's commands that `make test` does not run itself, run the way a reader would:
# the headless pipeline (make run-cli) and the Docker stack's make targets on the core services
# with locally built images (no registry here). The desktop commands (make run, javafx:run) need a
# display and are exercised through the packaged app and the TestFX journeys instead.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "-- make run-cli (2000 events)"
make run-cli ARGS="--events 2000 --seed 3 --rate 2000 --data-dir $tmp/cli --broker-port 0" > "$tmp/cli.log" 2>&1 \
    || { cat "$tmp/cli.log"; exit 1; }
grep "Processed 2000 events" "$tmp/cli.log" || { cat "$tmp/cli.log"; echo "make run-cli did not process 2000 events" >&2; exit 1; }

echo "-- make start-pipeline / status-pipeline / stop-pipeline / clean-pipeline (core services, local images)"
make start-pipeline LOCAL_IMAGES=1 COMPOSE_PROFILES=
make status-pipeline LOCAL_IMAGES=1 COMPOSE_PROFILES=
make stop-pipeline LOCAL_IMAGES=1 COMPOSE_PROFILES=
make clean-pipeline LOCAL_IMAGES=1 COMPOSE_PROFILES= YES=1
