#!/usr/bin/env bash
# Runs the real app under Xvfb, lets --autostart press Start, waits, and saves docs/screenshot.png.
# Usage: app/screenshot.sh [seconds-to-wait]   (or WAIT=25; from the repository root; `make screenshot` does this)
#        THEME=dark OUT=docs/screenshot-dark.png app/screenshot.sh
# Needs: xvfb-run, GTK 3 and ImageMagick (installed with apt-get when missing and running as root).
set -euo pipefail
cd "$(dirname "$0")/.."
WAIT="${1:-${WAIT:-75}}"
THEME="${THEME:-light}"
OUT="${OUT:-docs/screenshot.png}"
MVN="${MVN:-mvn -B}"

if ! command -v xvfb-run >/dev/null || ! command -v import >/dev/null || ! ldconfig -p | grep -q libgtk-3.so.0; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb libgtk-3-0 imagemagick >/dev/null
  else
    echo "screenshot.sh needs xvfb, libgtk-3-0 and imagemagick (apt-get install -y xvfb libgtk-3-0 imagemagick)" >&2
    exit 1
  fi
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
$MVN -q -pl app -am -DskipTests install >/dev/null
$MVN -q -pl app dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="app/target/classes:$(cat "$WORK/cp.txt")"
mkdir -p docs
export XDG_CACHE_HOME="$WORK/cache"
printf '{"width": 1280, "height": 800, "x": 0, "y": 0, "rate": 200, "theme": "%s"}\n' "$THEME" > "$WORK/app.json"

xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  java -Xmx768m -Djavafx.cachedir="$1/fxcache" -cp "$2" io.paypulse.app.Launcher --autostart \
       --data-dir "$1/data" --broker-port 0 --settings "$1/app.json" > "$1/app.log" 2>&1 &
  APP=$!
  sleep "$3"
  import -window root "$4"
  kill "$APP"
  wait "$APP" || true
' _ "$WORK" "$CP" "$WAIT" "$OUT"
if ! grep -q "Live feed reading" "$WORK/app.log"; then
  echo "The app did not come up; its log:" >&2
  tail -40 "$WORK/app.log" >&2
  exit 1
fi
echo "Saved $OUT"
