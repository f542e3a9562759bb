#!/usr/bin/env bash
# make bench: runs io.paypulse.bench.PipelineBench (test sources, not in the shipped jar) in one JVM
# with -Xmx512m and prints a Markdown table of figures. Expects test-compile to have run (the
# Makefile's bench target does it). Extra JVM options via BENCH_JAVA_OPTS, e.g.
#   BENCH_JAVA_OPTS="-Dbench.events=200000 -Dbench.latency.seconds=20" make bench
#   BENCH_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/bench.jfr,settings=profile" make bench
set -euo pipefail
cd "$(dirname "$0")/.."          # pipeline-core
MVN_CMD=${MVN_CMD:-mvn -B}

if [[ ! -d target/test-classes/io/paypulse/bench ]]; then
  echo "run-bench.sh: no compiled bench classes; run 'make bench' (or mvn -pl pipeline-core test-compile) first" >&2
  exit 2
fi

cp_file=target/bench.classpath
# Offline first (the usual case once the build has run); fall back to online for a fresh machine.
if ! $MVN_CMD -o -q -f pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null 2>&1; then
  $MVN_CMD -q -f pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
fi

mkdir -p target/bench
stamp=$(date +%Y%m%d-%H%M%S)
out=target/bench/bench-$stamp.md

echo "bench: $(date -Is), $(nproc) CPUs, $(free -g | awk '/^Mem:/{print $2}') GiB, load:$(uptime | sed 's/.*load average://')" >&2
java -version 2>&1 | sed -n 1p >&2

# shellcheck disable=SC2086
java -Xmx512m ${BENCH_JAVA_OPTS:-} \
  -Dlogback.configurationFile=bench/logback-bench.xml \
  -Dbench.output="$out" \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  io.paypulse.bench.PipelineBench

echo "bench: done, load:$(uptime | sed 's/.*load average://')" >&2
