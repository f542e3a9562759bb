#!/usr/bin/env bash
# Builds paypulse/haproxy-local:2.6, the local stand-in for haproxy:2.8 (docker-compose.yml service
# docker-proxy, Airflow's limited Docker access): Debian 12's haproxy package and the libraries the
# JRE base lacks, fetched with `apt-get download` from the machine's Debian mirror (no registry).
# Usage: bash packaging/local-images/haproxy.sh [IMAGE] [BASE_IMAGE]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

image=${1:-paypulse/haproxy-local:2.6}
base=${2:-paypulse/jre-base:17}
packages=(haproxy liblua5.3-0 libopentracing-c-wrapper0 libopentracing1)
base_id=$(docker image inspect -f '{{.Id}}' "$base") || { echo "$base is missing: run jre-base.sh first" >&2; exit 1; }
hash=$( (cat "$here/haproxy.sh" "$here/haproxy/Dockerfile"; echo "$base_id") | sha256sum | cut -c1-12)
start=$(now)

reuse "$image" "$hash" "$start" && exit 0

ctx=$(mktemp -d /tmp/paypulse-haproxy.XXXXXX)
trap 'rm -rf "$ctx"' EXIT
# World-writable download directory: apt drops to the _apt user for downloads.
chmod 777 "$ctx"
if ! (cd "$ctx" && apt-get download "${packages[@]}" >/dev/null 2>&1); then
    apt-get update -qq >/dev/null
    (cd "$ctx" && apt-get download "${packages[@]}" >/dev/null)
fi
mkdir "$ctx/root"
for deb in "$ctx"/*.deb; do dpkg-deb -x "$deb" "$ctx/root"; done
mv "$ctx/root/usr" "$ctx/usr"
rm -rf "$ctx/usr/share" "$ctx/root" "$ctx"/*.deb
cp "$here/haproxy/Dockerfile" "$ctx/"
out=$(DOCKER_BUILDKIT=0 docker build --build-arg "BASE_IMAGE=$base" --build-arg "INPUTS=$hash" -t "$image" "$ctx" 2>&1) \
    || { echo "$out" >&2; exit 1; }
cache_save "$image" "$hash"
echo "$image: built from Debian packages in $(since "$start") s"
