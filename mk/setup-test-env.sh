#!/usr/bin/env bash
# What `make test` needs from the machine, set up idempotently: each step says in one line what it
# found or did, and does nothing when it is already there (a second run only checks).
#   bash mk/setup-test-env.sh                 every step, in this order
#   bash mk/setup-test-env.sh docker-engine   some steps (.ci/run times them one by one)
# Steps:
#   system-packages  busybox-static (the Docker control tests import it as a tiny image: no registry
#                    here) and python3 (the Airflow DAG checks)
#   docker-engine    a running Docker engine and docker-compose (packaging/docker/ensure-engine.sh)
#   docker-images    the stack's images built locally (packaging/local-images/build.sh, cached)
#   desktop-deps     Xvfb, xauth, GTK 3 (JavaFX's only Linux toolkit), fakeroot (jpackage's .deb for
#                    PackagedAppIT), ImageMagick and curl (the README commands: screenshot, /health)
#   tray-deps        trayer, the notification area DesktopTrayTest runs against (mk/with-tray.sh)
# Installing needs root (Debian's apt). Not root and something missing: it prints the one
# `sudo apt-get install ...` line to run and stops (exit 1).
set -euo pipefail
cd "$(dirname "$0")/.."

ALL_STEPS=(system-packages docker-engine docker-images desktop-deps tray-deps)
say() { echo "setup: $*"; }

# One step: a line saying what is missing and being installed, or that all is there.
packages_step() {
  local name=$1; shift
  local need=()
  while [ $# -gt 0 ]; do
    # pairs: package, check command (run by bash -c; zero means present)
    bash -c "$2" >/dev/null 2>&1 || need+=("$1")
    shift 2
  done
  if [ ${#need[@]} -eq 0 ]; then
    say "$name: already there"
  else
    bash mk/apt-install.sh "$name" "${need[@]}"
  fi
}

system_packages() {
  packages_step "system packages (busybox-static, python3)" \
    busybox-static "dpkg -s busybox-static" \
    python3 "command -v python3"
}

# Runs a set-up script quietly into $out; on failure shows its output and what to do, and stops.
quietly() {
  local what=$1 hint=$2; shift 2
  if ! out=$("$@" 2>&1); then
    echo "$out" >&2
    say "$what: $* failed (above)${hint:+; $hint}" >&2
    exit 1
  fi
}

docker_engine() {
  # ensure-engine.sh installs and starts only what is missing and prints one line when ready.
  quietly "docker engine" "without Docker, skip its tests with: make test MVN='mvn -B -Dpaypulse.docker.tests=false'" \
    bash packaging/docker/ensure-engine.sh
  if grep -q "installing\|ensure-engine: starting" <<<"$out"; then
    say "docker engine: $(grep -o 'installing.*\|starting dockerd' <<<"$out" | tr '\n' ' ')-> ${out##*ensure-engine: }"
  else
    say "docker engine: already running (engine $(sed -n 's/.*ensure-engine: engine \(.*\) ready in.*/\1/p' <<<"$out"))"
  fi
}

docker_images() {
  quietly "docker images" "" bash packaging/local-images/build.sh
  if grep -q ": built \|: loaded " <<<"$out"; then
    say "docker images: built or loaded from cache ($(grep -o 'ready in [0-9.]* s' <<<"$out"))"
  else
    say "docker images: already there"
  fi
}

desktop_deps() {
  packages_step "desktop (Xvfb, xauth, GTK 3, fakeroot, ImageMagick, curl)" \
    xvfb "command -v Xvfb && command -v xvfb-run" \
    xauth "command -v xauth" \
    libgtk-3-0 "ldconfig -p | grep -q libgtk-3.so.0" \
    fakeroot "command -v fakeroot" \
    imagemagick "command -v import" \
    curl "command -v curl"
}

tray_deps() {
  packages_step "tray (trayer)" trayer "command -v trayer"
}

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=("${ALL_STEPS[@]}")
for step in "${steps[@]}"; do
  case $step in
    system-packages) system_packages ;;
    docker-engine) docker_engine ;;
    docker-images) docker_images ;;
    desktop-deps) desktop_deps ;;
    tray-deps) tray_deps ;;
    *) echo "setup: unknown step '$step'; the steps are: ${ALL_STEPS[*]}" >&2; exit 2 ;;
  esac
done
