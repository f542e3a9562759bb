#!/usr/bin/env bash
# Builds paypulse/jre-base:17, a minimal Debian 12 with OpenJDK 17 JRE (headless), without any
# container registry: debootstrap from the machine's Debian mirror, then `docker import`.
# A full Debian (bash, coreutils, useradd, apt) so Dockerfile RUN steps and shell healthchecks
# work as they do on eclipse-temurin:17-jre. ~45 s and ~300 MB the first time; cached afterwards.
# Usage: bash packaging/local-images/jre-base.sh [IMAGE]   (needs root; installs debootstrap)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

image=${1:-paypulse/jre-base:17}
suite=bookworm
hash=$(inputs_hash "$here/jre-base.sh")
start=$(now)

reuse "$image" "$hash" "$start" && exit 0

command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
# The first URI of the machine's apt sources (deb822 or one-line format), else the public mirror.
mirror=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1 || true)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
mirror=${mirror:-http://deb.debian.org/debian}
arch=$(dpkg --print-architecture)

root=$(mktemp -d /tmp/paypulse-jre-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase --include=openjdk-17-jre-headless "$suite" "$root" "$mirror" >"$root.log" 2>&1 \
    || { tail -n 20 "$root.log" >&2; rm -f "$root.log"; exit 1; }
rm -f "$root.log"
# Trim what a runtime image never reads.
rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/* \
       "$root"/usr/share/info/* "$root"/var/log/* "$root"/tmp/*
find "$root"/usr/share/locale -mindepth 1 -maxdepth 1 ! -name 'C.*' -exec rm -rf {} + 2>/dev/null || true

java_home=/usr/lib/jvm/java-17-openjdk-$arch
tar --numeric-owner -C "$root" -c . | docker import \
    -c "ENV JAVA_HOME=$java_home" \
    -c "ENV PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    -c "ENV LANG=C.UTF-8" \
    -c "LABEL io.paypulse.inputs=$hash" \
    -c 'CMD ["bash"]' \
    - "$image" >/dev/null
cache_save "$image" "$hash"
echo "$image: built with debootstrap from $mirror in $(since "$start") s ($(docker image inspect -f '{{.Size}}' "$image" | awk '{ printf "%d MB", $1 / 1e6 }'))"
