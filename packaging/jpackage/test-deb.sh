#!/usr/bin/env bash
# Tests the desktop app's .deb without installing it: unpacks it with dpkg-deb -x into a temp dir,
# starts the packaged launcher (opt/paypulse/bin/PayPulse) under Xvfb with --autostart (embedded
# broker, processor and generator), waits until the processor's CSV output has rows, then sends
# SIGTERM and checks the app stopped the pipeline and exited cleanly, with no stack trace logged.
#   bash packaging/jpackage/test-deb.sh [DEB]    (default: app/target/jpackage/dist/paypulse_*.deb,
#                                                 rebuilt with build.sh unless inputs-stamp.sh matches)
#   KEEP=1 keeps the temp dir; CSV_TIMEOUT (s, default 240) bounds the wait for the first CSV row.
# Needs, and never installs: xvfb-run and GTK 3 (apt-get install -y xvfb libgtk-3-0), dpkg-deb.
# Everything the app writes (config, data, logs, caches, HOME) goes to the temp dir.
set -euo pipefail
cd "$(dirname "$0")/../.."
CSV_TIMEOUT=${CSV_TIMEOUT:-240}

fail() { echo "test-deb: FAIL: $*" >&2; exit 1; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# --- what the machine must have (CI installs it; this test does not) ---
missing=()
command -v xvfb-run >/dev/null || missing+=(xvfb)
command -v dpkg-deb >/dev/null || missing+=(dpkg)
libs=$(ldconfig -p)   # not piped into grep -q: under pipefail an early-exiting reader fails the pipe
[[ $libs == *libgtk-3.so.0* ]] || missing+=(libgtk-3-0)
((${#missing[@]} == 0)) || fail "missing system packages: ${missing[*]}. Install them first (as root: \
apt-get install -y ${missing[*]}); this test installs nothing system-wide."

# --- the package: the one given, or the last build's if its inputs are unchanged, else a new build ---
deb=${1:-}
if [[ -z $deb ]]; then
  deb=$(ls app/target/jpackage/dist/paypulse_*.deb 2>/dev/null | awk 'NR==1' || true)
  stamp=app/target/jpackage/dist/inputs.stamp
  if [[ -n $deb && -f $stamp && $(cat "$stamp") == $(bash packaging/jpackage/inputs-stamp.sh) ]]; then
    echo "test-deb: reusing $deb (built from the same jars)"
  else
    t=$(now)
    bash packaging/jpackage/build.sh
    echo "::timing deb-build (build.sh) $(secs "$t" "$(now)") s"
    deb=$(ls app/target/jpackage/dist/paypulse_*.deb | awk 'NR==1')
  fi
fi
[[ -f $deb ]] || fail "no package at '$deb'"
echo "test-deb: package $deb, $(du -h "$deb" | cut -f1)"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libgtk-3-0 libglib2.0-0 libx11-6 libxtst6; do
  [[ $depends == *"$lib"* ]] || fail "the package does not declare $lib (Depends: $depends)"
done

tmp=$(mktemp -d /tmp/paypulse-deb.XXXXXX)
runner=
cleanup() {
  if [[ -n $runner ]] && kill -0 "$runner" 2>/dev/null; then
    [[ -s $tmp/app.pid ]] && kill -KILL "$(cat "$tmp/app.pid")" 2>/dev/null || true
    wait "$runner" 2>/dev/null || true
  fi
  if [[ ${KEEP:-} == 1 ]]; then echo "test-deb: kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

t=$(now)
dpkg-deb -x "$deb" "$tmp/root"
echo "::timing unpack $(secs "$t" "$(now)") s"
launcher=$tmp/root/opt/paypulse/bin/PayPulse
[[ -x $launcher ]] || fail "no launcher at opt/paypulse/bin/PayPulse in the package"
ls "$tmp"/root/opt/paypulse/lib/*.desktop >/dev/null 2>&1 || fail "no desktop entry in opt/paypulse/lib/"

# --- without a display: one sentence and exit 1, no stack trace (README troubleshooting) ---
mkdir -p "$tmp/home"
rc=0; env -u DISPLAY -u WAYLAND_DISPLAY HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/nodisplay" XDG_DATA_HOME="$tmp/nodisplay" \
  timeout 60 "$launcher" --settings "$tmp/nodisplay/app.json" > "$tmp/nodisplay.out" 2>&1 || rc=$?
if [[ $rc != 1 ]] || ! grep -q "PayPulse cannot open a window: no display" "$tmp/nodisplay.out" \
   || grep -q "Exception in thread" "$tmp/nodisplay.out"; then
  cat "$tmp/nodisplay.out" >&2; fail "without DISPLAY the launcher should exit 1 with one sentence (exit $rc)"
fi
echo "test-deb: without a display: exit 1, '$(grep -o 'PayPulse cannot open a window: no display' "$tmp/nodisplay.out")…'"

# --- launch: the app's own pid is written by the shell it replaces (exec), for the SIGTERM below ---
mkdir -p "$tmp/home"
printf '{"rate": 200, "width": 1280, "height": 800}\n' > "$tmp/app.json"
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/xdg-data XDG_CACHE_HOME=$tmp/cache
data=$tmp/data
t_launch=$(now)
xvfb-run -a -s "-screen 0 1280x800x24" sh -c 'echo $$ > "$1"; exec "$2" --autostart --data-dir "$3" --broker-port 0 --settings "$4"' \
  _ "$tmp/app.pid" "$launcher" "$data" "$tmp/app.json" > "$tmp/app.out" 2>&1 &
runner=$!

show_log() { echo "--- app output (last 40 lines) ---" >&2; tail -40 "$tmp/app.out" >&2 || true; }

# --- the pipeline ran: the processor's hourly CSV of parsed events has rows (header + at least one) ---
rows=0
while :; do
  if ! kill -0 "$runner" 2>/dev/null; then show_log; fail "the app exited before writing any CSV row"; fi
  csv=$(ls "$data"/output/enriched_data_*.csv 2>/dev/null | awk 'NR==1' || true)
  if [[ -n $csv ]]; then rows=$(($(wc -l < "$csv") - 1)); fi
  ((rows > 0)) && break
  if (($(date +%s) - ${t_launch%.*} > CSV_TIMEOUT)); then show_log; fail "no CSV row in $data/output within $CSV_TIMEOUT s"; fi
  sleep 1
done
echo "::timing launch-to-first-csv-row $(secs "$t_launch" "$(now)") s ($rows rows in $(basename "$csv"))"

# --- first run: config, rules copy and log file where the app says they are ---
for f in "$XDG_CONFIG_HOME/paypulse/paypulse.yaml" "$XDG_CONFIG_HOME/paypulse/rules.yaml" "$data/logs/paypulse.log"; do
  [[ -s $f ]] || { show_log; fail "first run did not write $f"; }
done

# --- SIGTERM: the app handles it like a window close (pipeline stopped in order) and exits with 0 ---
app_pid=$(cat "$tmp/app.pid")
t=$(now)
kill -TERM "$app_pid"
for _ in $(seq 1 90); do kill -0 "$runner" 2>/dev/null || break; sleep 1; done
kill -0 "$runner" 2>/dev/null && { show_log; fail "the app did not exit within 90 s of SIGTERM"; }
rc=0; wait "$runner" || rc=$?
runner=
echo "::timing sigterm-to-exit $(secs "$t" "$(now)") s (exit code $rc)"
[[ $rc == 0 ]] || { show_log; fail "exit code $rc after SIGTERM (expected 0: an orderly stop)"; }
grep -q "PayPulse stopped" "$data/logs/paypulse.log" || { show_log; fail "the log does not show the orderly stop ('PayPulse stopped')"; }
for log in "$tmp/app.out" "$data/logs/paypulse.log"; do
  if grep -nE '^[[:space:]]+at [[:alnum:]_$.]+\(|Exception in thread|^Caused by:' "$log" >/dev/null; then
    echo "--- $log ---" >&2; grep -nE -B3 '^[[:space:]]+at [[:alnum:]_$.]+\(|Exception in thread|^Caused by:' "$log" | head -30 >&2
    fail "a stack trace in $(basename "$log")"
  fi
done
echo "test-deb: OK: the packaged app ran the embedded pipeline ($rows CSV rows), first-run files written, clean stop (exit $rc)"
