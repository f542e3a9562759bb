#!/usr/bin/env bash
# Builds paypulse/kafka-local:4.3.1, a KRaft broker image that stands in for apache/kafka:4.3.1 when
# no registry is reachable: the jars come from Maven Central (kafka/pom.xml), the base is
# paypulse/jre-base:17 (jre-base.sh). See kafka/Dockerfile and kafka/run for what it accepts.
# Usage: bash packaging/local-images/kafka.sh [IMAGE] [BASE_IMAGE]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

image=${1:-paypulse/kafka-local:4.3.1}
base=${2:-paypulse/jre-base:17}
dir=$here/kafka
base_id=$(docker image inspect -f '{{.Id}}' "$base") || { echo "$base is missing: run jre-base.sh first" >&2; exit 1; }
# Rebuilt when any input or the base image changes.
hash=$( (cd "$dir" && cat pom.xml Dockerfile run bin/* config/*; cat "$here/kafka.sh"; echo "$base_id") | sha256sum | cut -c1-12)
start=$(now)

reuse "$image" "$hash" "$start" && exit 0

ctx=$dir/target/context
rm -rf "$ctx"
out=$(${MVN:-mvn -B -q} -f "$dir/pom.xml" dependency:copy-dependencies 2>&1) || { echo "$out" >&2; exit 1; }
cp -r "$dir/Dockerfile" "$dir/run" "$dir/bin" "$dir/config" "$ctx/"
# Legacy builder: works without the buildx plugin; its output is shown only if it fails.
out=$(DOCKER_BUILDKIT=0 docker build --build-arg "BASE_IMAGE=$base" --build-arg "INPUTS=$hash" -t "$image" "$ctx" 2>&1) \
    || { echo "$out" >&2; exit 1; }
cache_save "$image" "$hash"
echo "$image: built from Maven Central jars in $(since "$start") s ($(docker image inspect -f '{{.Size}}' "$image" | awk '{ printf "%d MB", $1 / 1e6 }'))"
