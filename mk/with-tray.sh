#!/usr/bin/env bash
# Runs a command with a notification area to test against: Xvfb on a display of its own with trayer
# on it, named by PAYPULSE_TRAY_DISPLAY (app/pom.xml's profile desktop-tray runs DesktopTrayTest there).
# Both stay alive for the whole command and end with it, however it ends; the command's exit code
# is this script's. Without trayer or Xvfb the command runs without the tray (the test says so).
#   bash mk/with-tray.sh mvn -B verify
set -euo pipefail

if ! command -v trayer >/dev/null || ! command -v Xvfb >/dev/null; then
  echo "tray: no trayer or Xvfb (bash mk/setup-test-env.sh tray-deps desktop-deps installs them); running without a tray"
  exec "$@"
fi

display_file=$(mktemp)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -f "$display_file"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# -displayfd: Xvfb picks a free display and writes its number once it accepts connections.
Xvfb -displayfd 9 -screen 0 1024x768x24 9>"$display_file" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$display_file" ] && break; sleep 0.1; done
if [ ! -s "$display_file" ]; then
  echo "tray: Xvfb did not start within 10 s; running without a tray"
else
  export PAYPULSE_TRAY_DISPLAY=":$(tr -d '[:space:]' <"$display_file")"
  DISPLAY=$PAYPULSE_TRAY_DISPLAY trayer >/dev/null 2>&1 &
  pids+=($!)
  echo "tray: trayer on display $PAYPULSE_TRAY_DISPLAY for the tests"
fi

"$@"
