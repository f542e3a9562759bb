#!/usr/bin/env bash
# make bench-parser: runs io.paypulse.bench.ParserBench (test sources) in one JVM and prints ns/event
# warm for the parser before issue 11 and for RawEventReader.local().read, on both input shapes.
# Expects test-compile to have run (the Makefile's bench-parser target does it). Extra JVM options
# via BENCH_JAVA_OPTS, e.g. BENCH_JAVA_OPTS="-Dbench.parser.events=500000".
set -euo pipefail
cd "$(dirname "$0")/.."          # pipeline-core
MVN_CMD=${MVN_CMD:-mvn -B}

if [[ ! -f target/test-classes/io/paypulse/bench/ParserBench.class ]]; then
  echo "run-parser-bench.sh: ParserBench is not compiled; run 'make bench-parser' (or mvn -pl pipeline-core test-compile) first" >&2
  exit 2
fi

cp_file=target/bench.classpath
if ! $MVN_CMD -o -q -f pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null 2>&1; then
  $MVN_CMD -q -f pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
fi

echo "bench-parser: $(date -Is), load:$(uptime | sed 's/.*load average://')" >&2
# shellcheck disable=SC2086
java -Xmx512m ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  io.paypulse.bench.ParserBench
echo "bench-parser: done, load:$(uptime | sed 's/.*load average://')" >&2
