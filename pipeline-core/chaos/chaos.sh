#!/usr/bin/env bash
# Chaos run: CYCLES fault cycles (kill -9 processor, SIGTERM processor, kill -9 broker, poison
# records, in turn) under a steady generator, each pipeline part its own `paypulse` JVM, then an
# exact check against a recount of the raw topic. Prints a table; exits 1 unless exact.
#   CYCLES=20 RATE=1000 POISON=true bash pipeline-core/chaos/chaos.sh
# Needs pipeline-core/target/paypulse.jar and test-classes (make chaos builds both).
set -euo pipefail
cd "$(dirname "$0")/../.."
CYCLES="${CYCLES:-20}"
RATE="${RATE:-1000}"
POISON="${POISON:-true}"
WORK="${WORK:-$(mktemp -d /tmp/paypulse-chaos-XXXXXX)}"
JAR=pipeline-core/target/paypulse.jar
CP="$JAR:pipeline-core/target/test-classes"
echo "chaos: $CYCLES cycles at $RATE events/s, poison=$POISON, logs in $WORK"
java -Xmx512m -cp "$CP" io.paypulse.chaos.ChaosHarness "$CYCLES" "$RATE" "$POISON" "$WORK" "$JAR"
