# Helpers for .ci/readme-commands.sh (sourced): steps with timings, background commands stopped with
# SIGTERM, polling waits with a deadline, and the checks a reader would make by eye.
JAR=pipeline-core/target/paypulse.jar
tmp=$(mktemp -d /tmp/paypulse-readme.XXXXXX)
declare -A bg_pid=() bg_dir=()

cleanup() {
  for name in "${!bg_pid[@]}"; do kill -KILL "${bg_pid[$name]}" 2>/dev/null || true; done
  local app  # a desktop app left behind by a failed check (its data folder is under $tmp)
  for app in $(pgrep -f io.paypulse.app.Launcher || true); do
    tr '\0' '\n' < "/proc/$app/environ" 2>/dev/null | grep -q "^XDG_DATA_HOME=$tmp/" && kill -KILL "$app" 2>/dev/null
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

step_name= step_start=$SECONDS
step() {
  [[ -z $step_name ]] || echo "::step '$step_name' took $((SECONDS - step_start)) s"
  step_name=$1 step_start=$SECONDS
  [[ $1 == done ]] || echo "-- $1"
}

fail() { echo "readme-commands: FAIL ($step_name): $*" >&2; exit 1; }

# wait_until WHAT SECONDS COMMAND...: polls COMMAND every half second until it succeeds.
wait_until() {
  local what=$1 deadline=$((SECONDS + $2)); shift 2
  until "$@"; do
    ((SECONDS < deadline)) || fail "timed out waiting for $what"
    sleep 0.5
  done
}

# bg NAME DIR COMMAND...: runs COMMAND in the background with its own data folder (XDG_DATA_HOME=DIR)
# and its output in DIR/out.log, as on a machine of its own.
bg() {
  local name=$1 dir=$2; shift 2
  mkdir -p "$dir"
  XDG_DATA_HOME=$dir XDG_CONFIG_HOME=$dir/config "$@" > "$dir/out.log" 2>&1 &
  bg_pid[$name]=$!
  bg_dir[$name]=$dir
}

# stop_bg NAME: SIGTERM, as Ctrl-C or a service manager would; the command must stop within 60 s
# with exit 0 or 143 (terminated by the signal after its shutdown hook ran) and log no error.
stop_bg() {
  local name=$1 pid=${bg_pid[$1]} rc=0
  kill -TERM "$pid"
  local deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null; do
    ((SECONDS < deadline)) || fail "$name did not stop within 60 s of SIGTERM"
    sleep 0.5
  done
  wait "$pid" || rc=$?
  unset "bg_pid[$name]"
  [[ $rc == 0 || $rc == 143 ]] || { tail -30 "${bg_dir[$name]}/out.log"; fail "$name exited $rc after SIGTERM"; }
  if grep -q " ERROR \|^Exception in thread" "${bg_dir[$name]}/out.log"; then
    grep -A8 " ERROR \|^Exception in thread" "${bg_dir[$name]}/out.log" | head -40
    fail "$name logged an error"
  fi
  echo "$name stopped (exit $rc)"
}

health_up() { curl -fsS "http://localhost:$1/health" 2>/dev/null | grep -q '"status":"UP"'; }

# metric PORT NAME: the value of an unlabelled Prometheus sample, 0 while there is none.
metric() {
  local v
  v=$(curl -fsS "http://localhost:$1/metrics" 2>/dev/null | awk -v n="$2" '$1 == n { print $2 }' || true)
  echo "${v:-0}"
}

# csv_rows 'GLOB': data rows (not headers) over the files GLOB matches.
csv_rows() {
  local n=0 f
  for f in $1; do [[ -f $f ]] && n=$((n + $(wc -l < "$f") - 1)); done
  echo "$n"
}
csv_rows_at_least() { (( $(csv_rows "$2") >= $1 )); }

# gui NAME PATTERN COMMAND...: runs COMMAND (a desktop command from the README) under Xvfb with fresh
# config and data folders, waits until PATTERN is in the app's log file, then sends SIGTERM to the
# app's JVM: the README says that closes it like the window's close button, so COMMAND exits 0.
gui() {
  local name=$1 pattern=$2; shift 2
  local dir=$tmp/gui-$name
  local log=$dir/data/paypulse/logs/paypulse.log
  mkdir -p "$dir"
  XDG_DATA_HOME=$dir/data XDG_CONFIG_HOME=$dir/config XDG_CACHE_HOME=$dir/cache \
    xvfb-run -a -s "-screen 0 1280x800x24" "$@" > "$dir/out.log" 2>&1 &
  local runner=$! rc=0
  bg_pid[$name]=$runner  # killed on exit if the checks below fail
  gui_ready() {
    kill -0 "$runner" 2>/dev/null || { tail -40 "$dir/out.log"; fail "$name exited before '$pattern'"; }
    grep -q "$pattern" "$log" 2>/dev/null
  }
  wait_until "'$pattern' in the log of $name" 300 gui_ready
  local app
  app=$(pgrep -n -f "io.paypulse.app.Launcher") || fail "no PayPulse JVM found for $name"
  tr '\0' '\n' < "/proc/$app/environ" | grep -qx "XDG_DATA_HOME=$dir/data" \
    || fail "the PayPulse JVM $app is not the one $name started"
  kill -TERM "$app"
  wait "$runner" || rc=$?
  unset "bg_pid[$name]"
  [[ $rc == 0 ]] || { tail -40 "$dir/out.log"; fail "$name exited $rc after SIGTERM (expected 0)"; }
  grep -q "PayPulse stopped in" "$log" || { tail -20 "$log"; fail "$name did not log a clean stop"; }
  grep "Window open\|Live feed reading\|PayPulse stopped in" "$log" | sed 's/^/  /'
}

# check_screenshot PNG: 1280x800 with enough colours to be the dashboard, not an empty screen.
check_screenshot() {
  local size colours
  size=$(identify -format '%wx%h' "$1") || fail "no readable PNG at $1"
  colours=$(convert "$1" -format '%k' info:)
  echo "screenshot: $size, $colours colours"
  [[ $size == 1280x800 ]] || fail "screenshot is $size, expected 1280x800"
  ((colours > 200)) || fail "screenshot has only $colours colours: the window did not draw"
}
