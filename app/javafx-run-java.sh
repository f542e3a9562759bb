#!/usr/bin/env bash
# The java command for `mvn -pl app javafx:run`. javafx-maven-plugin 0.0.8 leaves jars without a
# valid automatic module name (kafka_2.13, scala-logging_2.13) off its run path, so the embedded
# broker could not start. With this script as its executable the plugin passes only the main class
# and arguments; the class path comes from the module's classes plus the runtime class path the
# build writes to target/runtime.classpath (maven-dependency-plugin, generate-resources phase).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -f "$here/target/runtime.classpath" ]; then
  echo "Build first: mvn -DskipTests install (writes app/target/runtime.classpath)" >&2
  exit 1
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -classpath "$here/target/classes:$(cat "$here/target/runtime.classpath")" "$@"
