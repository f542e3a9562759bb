#!/usr/bin/env bash
# The users' shape of issue 11 (io.paypulse.bench.UsersShapeBench, test sources): the shipped jar's
# broker and processor each in their own JVM, N events in the original project's format, a cold
# process, a warm pass, the bare-consumer baseline, latency at 10k and 100k events/s, --threads 2
# and two instances; one Markdown table at the end (also in target/bench/users-shape-*.md).
# Expects the jar and test-compile (the Makefile's bench targets do both). Knobs (environment):
#   USERS_SHAPE_EVENTS=200000   events per pass (default 1000000)
#   USERS_SHAPE_WARM=false  USERS_SHAPE_SCALE=false  USERS_SHAPE_LATENCY_RATES=""   skip parts
#   USERS_SHAPE_LATENCY_WARMUP=10 USERS_SHAPE_LATENCY_SECONDS=30   per rate
#   USERS_SHAPE_PROCESS_OPTS="-XX:+UseSerialGC"   JVM options of the process JVMs (default none)
set -euo pipefail
cd "$(dirname "$0")/.."          # pipeline-core
MVN_CMD=${MVN_CMD:-mvn -B}

if [[ ! -f target/test-classes/io/paypulse/bench/UsersShapeBench.class ]]; then
  echo "run-users-shape.sh: no compiled bench classes; run 'make bench-users' (or mvn -pl pipeline-core test-compile) first" >&2
  exit 2
fi
if [[ ! -f target/paypulse.jar ]]; then
  echo "run-users-shape.sh: no target/paypulse.jar; run 'make jar' first" >&2
  exit 2
fi

cp_file=target/bench.classpath
if ! $MVN_CMD -o -q -f pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null 2>&1; then
  $MVN_CMD -q -f pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
fi

mkdir -p target/bench
out=target/bench/users-shape-$(date +%Y%m%d-%H%M%S).md
echo "users-shape: $(date -Is), $(nproc) CPUs, load:$(uptime | sed 's/.*load average://')" >&2

java -Xmx1g -Dlogback.configurationFile="$PWD/bench/logback-bench.xml" -Dbench.output="$out" \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  io.paypulse.bench.UsersShapeBench
