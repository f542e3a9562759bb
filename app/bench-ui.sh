#!/usr/bin/env bash
# UI benchmark: the real app (headless Monocle, software renderer) with the embedded pipeline and the
# generator at 50k events/s; prints FX pulse/tick percentiles, heap after GC and the achieved rate.
# Usage (from the repository root; `make bench-ui` does this):
#   app/bench-ui.sh                      # 300 s measured after 20 s warm-up, 50000 events/s
#   DURATION=30 RATE=50000 WARMUP=20 app/bench-ui.sh
# Then a week of 1-minute history drawn at the 15-min range (baseline) and at 7 days, HISTORY s each (issue 13).
# Env: DURATION, WARMUP, HISTORY (seconds; HISTORY=0 skips it), RATE (events/s), HEAP (-Xmx, default 1g),
# GC (default -XX:+UseG1GC), APP_JVM (the app's own launcher options, as app/pom.xml and
# packaging/jpackage/build.sh set them; APP_JVM= runs without them), MVN (default "mvn -B"), JAVA_OPTS (extra JVM options, e.g. -Xlog:gc or a JFR recording, for A/B runs;
# -Dbench.pulseProfile=true prints where the FX thread spends pulses over 5 ms of CPU).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-300}"
WARMUP="${WARMUP:-20}"
RATE="${RATE:-50000}"
HISTORY="${HISTORY:-60}"
HEAP="${HEAP:-1g}"
GC="${GC:--XX:+UseG1GC}"
# No periodic "cleanup" safepoint every second: under CPU load, bringing every thread of the pipeline to it
# stalled the FX thread too (docs/benchmarks.md, "The app at 50,000 events/s (session 9)").
APP_JVM="${APP_JVM--XX:+UnlockDiagnosticVMOptions -XX:GuaranteedSafepointInterval=0}"
MVN="${MVN:-mvn -B}"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# One reactor build, nothing installed into ~/.m2: pipeline-core resolves to its target/ folders.
$MVN -q -pl app -am -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/cp.txt" >"$WORK/build.log" 2>&1 || { echo "build failed:" >&2; tail -40 "$WORK/build.log" >&2; exit 1; }
CP="app/target/test-classes:app/target/classes:$(cat "$WORK/cp.txt")"

echo "date: $(date -Is)   nproc: $(nproc)   uptime:$(uptime)"
export XDG_CACHE_HOME="$WORK/cache" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"
java -Xmx"$HEAP" $GC $APP_JVM ${JAVA_OPTS:-} --add-exports java.management/sun.management=ALL-UNNAMED \
  -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Djava.awt.headless=true \
  -Djavafx.cachedir="$WORK/fxcache" -Djava.io.tmpdir="${BENCH_TMP:-/tmp}" \
  -Dbench.duration="$DURATION" -Dbench.warmup="$WARMUP" -Dbench.rate="$RATE" -Dbench.history="$HISTORY" \
  -cp "$CP" io.paypulse.app.bench.UiBench 2>"$WORK/stderr.log" || { echo "bench failed; stderr tail:" >&2; tail -40 "$WORK/stderr.log" >&2; exit 1; }
echo "uptime at end:$(uptime)"
