#!/usr/bin/env bash
# Every README command that `make test` does not run itself, run the way a reader types it, and
# checked for what the README promises. Where a command runs until stopped, it is stopped the way the
# README says (SIGTERM); where it takes long, a documented knob makes it short (bench sizes, WAIT).
#   bash .ci/readme-commands.sh            (from a clone after `make package`; .ci/run does this)
#   ONLY="cli gui" bash .ci/readme-commands.sh   runs some sections: cli run-cli gui bench crash stack
# Needs what .ci/run installs: Docker engine + local images (stack), Xvfb + GTK + ImageMagick (gui),
# curl. Uses ports 9092, 8080 and 8081 (the README's own examples) and the stack's ports.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/readme-lib.sh
ONLY=${ONLY:-"cli run-cli gui bench crash stack"}
want() { [[ " $ONLY " == *" $1 "* ]]; }

if want cli; then
  step "make jar; java -jar paypulse.jar --help"
  make jar
  java -jar "$JAR" --help > "$tmp/help.txt"
  for cmd in run broker generate process topics; do
    grep -q "^ *$cmd " "$tmp/help.txt" || fail "--help does not list '$cmd': $(cat "$tmp/help.txt")"
  done

  step "Headless on a server, scaled out: broker, topics ensure, two processors, generate"
  # Each command gets its own data folder, as on separate machines.
  bg broker "$tmp/srv-broker" java -jar "$JAR" broker --broker-port 9092
  wait_until "the broker" 60 grep -q "Broker ready on localhost:9092" "$tmp/srv-broker/out.log"
  XDG_DATA_HOME=$tmp/srv-topics java -jar "$JAR" topics ensure --bootstrap localhost:9092 --replication 1 \
    | tee "$tmp/topics.txt"
  grep -q "created payment (6 partitions, RF 1)" "$tmp/topics.txt" || fail "topics ensure did not create payment"
  step "Silences: silence add, list, expire (README wording)"
  silence() { XDG_DATA_HOME=$tmp/srv-silence java -jar "$JAR" silence "$@"; }
  silence add --bootstrap localhost:9092 --rule payment-failure-rate --for 2h --comment "gateway maintenance" \
    | tee "$tmp/silence-add.txt"
  sid=$(sed -n 's/^Added silence \([0-9a-f]\{8\}\): rule payment-failure-rate, group \*, until .* (2h)\.$/\1/p' "$tmp/silence-add.txt")
  [[ -n $sid ]] || fail "silence add did not print 'Added silence ID: ...': $(cat "$tmp/silence-add.txt")"
  silence list --bootstrap localhost:9092 | tee "$tmp/silence-list.txt"
  grep -Eq "^$sid +active +payment-failure-rate +\* .* gateway maintenance$" "$tmp/silence-list.txt" \
    || fail "silence list does not show $sid as active"
  silence expire --bootstrap localhost:9092 "$sid" > "$tmp/silence-expire.txt"
  grep -q "^Expired silence $sid " "$tmp/silence-expire.txt" || fail "silence expire: $(cat "$tmp/silence-expire.txt")"
  silence list --bootstrap localhost:9092 > "$tmp/silence-list2.txt"
  ! grep -q "$sid" "$tmp/silence-list2.txt" || fail "expired silence $sid is still listed: $(cat "$tmp/silence-list2.txt")"
  step "Headless on a server, scaled out (continued): two processors, generate, exactly once"
  bg process-a "$tmp/srv-a" java -jar "$JAR" process --bootstrap localhost:9092 --http-port 8080
  # The README's scale-out: the same command, same application id, --no-sinks on the extra instance.
  bg process-b "$tmp/srv-b" java -jar "$JAR" process --bootstrap localhost:9092 --http-port 8081 --no-sinks
  wait_until "processor a UP" 120 health_up 8080
  wait_until "processor b UP" 120 health_up 8081
  # The README's generate runs until Ctrl-C: stop it once both instances have work, then check
  # exactly once across them: the one sink (instance a) writes every event the generator sent, once.
  bg generate "$tmp/srv-gen" java -jar "$JAR" generate --bootstrap localhost:9092 --rate 500 --scenario gateway-outage
  both_parsing() { (( $(metric 8080 paypulse_events_parsed_total | cut -d. -f1) > 500 \
                      && $(metric 8081 paypulse_events_parsed_total | cut -d. -f1) > 500 )); }
  wait_until "both processors parsing events" 180 both_parsing
  stop_bg generate
  sent=$(sed -n 's/^Stopped; sent \([0-9]*\) events\.$/\1/p' "$tmp/srv-gen/out.log")
  [[ -n $sent ]] || fail "generate did not say how many events it sent: $(tail -3 "$tmp/srv-gen/out.log")"
  csv="$tmp/srv-a/paypulse/output/enriched_data_*.csv"
  wait_until "$sent enriched CSV rows" 180 csv_rows_at_least "$sent" "$csv"
  rows=$(csv_rows "$csv")
  [[ $rows == "$sent" ]] || fail "the generator sent $sent events, the CSV has $rows rows"
  a=$(metric 8080 paypulse_events_parsed_total); b=$(metric 8081 paypulse_events_parsed_total)
  echo "sent $sent; parsed by instance a: $a, by instance b: $b; enriched CSV rows: $rows"
  (( ${a%.*} > 0 && ${b%.*} > 0 )) || fail "both instances should have parsed events (a=$a, b=$b)"
  step "Investigating: events --from now-15m --to now, dlq list (README wording)"
  # Every event the generator sent lies in the last 15 minutes: events must print each one, once.
  XDG_DATA_HOME=$tmp/srv-events java -jar "$JAR" events --bootstrap localhost:9092 --from now-15m --to now \
    > "$tmp/events.csv"
  listed=$(( $(grep -c . "$tmp/events.csv") - 1 ))
  echo "events printed $listed rows; the generator sent $sent"
  [[ $listed == "$sent" ]] || fail "events --from now-15m --to now printed $listed rows, the generator sent $sent"
  XDG_DATA_HOME=$tmp/srv-events java -jar "$JAR" events --bootstrap localhost:9092 --from now-15m --to now \
    --failed --type payment > "$tmp/events-failed.csv"
  failed=$(( $(grep -c . "$tmp/events-failed.csv") - 1 ))
  (( failed > 0 && failed < sent )) || fail "events --failed --type payment printed $failed of $sent rows"
  XDG_DATA_HOME=$tmp/srv-events java -jar "$JAR" dlq list --bootstrap localhost:9092 --since 1h | tee "$tmp/dlq.txt"
  [[ -s $tmp/dlq.txt ]] || fail "dlq list printed nothing"
  stop_bg process-b; stop_bg process-a; stop_bg broker

  step "Notifications: run --scenario gateway-outage --rate 500 --set notify.webhook-url=... (README wording)"
  bg hook "$tmp/hook" python3 .ci/webhook-receiver.py 9000 "$tmp/hook/posts.jsonl"
  bg notify-run "$tmp/notify-run" java -jar "$JAR" run --scenario gateway-outage --rate 500 \
    --set notify.webhook-url=http://127.0.0.1:9000/hook
  # The README: the critical failure-rate alert fires when the first minute closes (within 2 minutes).
  fired() { grep -q '"rule":"payment-failure-rate-critical","severity":"CRITICAL","state":"FIRING"' \
              "$tmp/hook/posts.jsonl" 2>/dev/null; }
  wait_until "a FIRING payment-failure-rate-critical at the webhook" 150 fired
  stop_bg notify-run; stop_bg hook
  grep -c . "$tmp/hook/posts.jsonl" | sed 's/^/webhook posts: /'
  # Sent once (the minute's repeats are not), and the WARNING of the same window was inhibited.
  n=$(grep -o '"alertId":"payment-failure-rate-critical|[^"]*","rule":"[^"]*","severity":"CRITICAL","state":"FIRING"' \
        "$tmp/hook/posts.jsonl" | sort | uniq -c | awk '$1 > 1' | wc -l)
  (( n == 0 )) || fail "a FIRING alert was posted more than once: $(cat "$tmp/hook/posts.jsonl")"
  ! grep -q '"rule":"payment-failure-rate","severity":"WARNING","state":"FIRING"' "$tmp/hook/posts.jsonl" \
    || fail "the WARNING of an outage window was posted although its CRITICAL fired"
fi

if want run-cli; then
  step 'make run-cli ARGS="--events 200000 --seed 7 --rate 0"'
  XDG_DATA_HOME=$tmp/run-cli make run-cli ARGS="--events 200000 --seed 7 --rate 0" > "$tmp/run-cli.log" 2>&1 \
    || { tail -40 "$tmp/run-cli.log"; fail "make run-cli failed"; }
  grep "Processed 200000 events" "$tmp/run-cli.log" || { tail -40 "$tmp/run-cli.log"; fail "make run-cli did not process 200000 events"; }
fi

if want gui; then
  step "make run (window opens; SIGTERM closes it, exit 0)"
  gui make-run "Window open" make run
  step 'mvn -pl app exec:exec -Dapp.args="--autostart" (the live feed runs)'
  gui exec "Live feed reading" mvn -B -q -pl app exec:exec -Dapp.args="--autostart"
  step 'mvn -pl app javafx:run -Djavafx.args="--autostart"'
  gui javafx "Live feed reading" mvn -B -q -pl app javafx:run -Djavafx.args="--autostart"
  step "make screenshot (WAIT=20, to a temp file)"
  make screenshot WAIT=20 OUT="$tmp/shot.png"
  check_screenshot "$tmp/shot.png"
fi

if want bench; then
  step "make bench (20,000 events, one processor run, 7 s latency; users' shape at 100,000 events, no scale-out)"
  # The users' shape fails by itself (exit 1) when a final aggregate differs from its ground truth.
  BENCH_JAVA_OPTS="-Dbench.events=20000 -Dbench.order=exactly_once_v2 -Dbench.latency.warmup=2 -Dbench.latency.seconds=5" \
  USERS_SHAPE_EVENTS=100000 USERS_SHAPE_SCALE=false USERS_SHAPE_LATENCY_WARMUP=2 USERS_SHAPE_LATENCY_SECONDS=4 \
    make bench > "$tmp/bench.txt" 2>&1 || { tail -40 "$tmp/bench.txt"; fail "make bench failed"; }
  for row in "Generator to embedded broker" "Processor #1 exactly_once_v2" "latency p99" "Peak process RSS" \
      "| Cold: process start to all windows final and enriched CSV durable |" "| Baseline: bare KafkaConsumer" \
      "| Processor / baseline" "| Warm: second batch" "| Cold: CPU-s per million events" \
      "| Latency p50 / p99 / max at 10,000 events/s" "| Latency p50 / p99 / max at 100,000 events/s" \
      "final aggregates (windows x groups) equal the ground truth exactly"; do
    grep -qF "$row" "$tmp/bench.txt" || { tail -40 "$tmp/bench.txt"; fail "make bench printed no '$row' figure"; }
  done
  grep "latency p99\|to all parsed (from start())\|| Cold: process start to all windows final" "$tmp/bench.txt"
  step "make bench-ui (DURATION=10 WARMUP=5 RATE=5000 HISTORY=10)"
  make bench-ui DURATION=10 WARMUP=5 RATE=5000 HISTORY=10 > "$tmp/bench-ui.txt" 2>&1 \
    || { tail -40 "$tmp/bench-ui.txt"; fail "make bench-ui failed"; }
  grep -q "| figure | value |" "$tmp/bench-ui.txt" || { tail -40 "$tmp/bench-ui.txt"; fail "make bench-ui printed no figures"; }
  grep -q "| range | scene pulses |" "$tmp/bench-ui.txt" \
    || { tail -40 "$tmp/bench-ui.txt"; fail "make bench-ui printed no history-range figures"; }
  grep -i "pulse" "$tmp/bench-ui.txt" | head -3 || true
fi

if want crash; then
  step "make test-crash (the target runs ProcessorCrashIT, which make test ran just before)"
  # Running it a second time here cost 76 s of CI for nothing make test had not checked: check instead
  # that the target runs that test and that make test's run of it passed.
  make -n test-crash | tee "$tmp/test-crash.txt"
  grep -q -- "-Dit.test=ProcessorCrashIT" "$tmp/test-crash.txt" || fail "make test-crash does not run ProcessorCrashIT"
  report=pipeline-core/target/failsafe-reports/TEST-io.paypulse.pipeline.ProcessorCrashIT.xml
  if [[ -f $report ]]; then
    grep -Eq '<testsuite [^>]*failures="0"' "$report" && grep -Eq '<testsuite [^>]*errors="0"' "$report" && grep -Eq '<testsuite [^>]*skipped="0"' "$report" \
      || fail "ProcessorCrashIT failed in make test"
  else
    make test-crash # no make test before this script (ONLY=crash): run it
  fi
fi

if want stack; then
  step "make start-pipeline / status / restart / stop / clean (core services, local images)"
  make start-pipeline LOCAL_IMAGES=1 COMPOSE_PROFILES=
  # The image's class archive (docs/warmup.md) is used, also under the stack's JVM options.
  docker run --rm -e JAVA_TOOL_OPTIONS="-Xmx256m -XX:+UseSerialGC -Xlog:class+load=info" paypulse/pipeline:latest \
    --version > "$tmp/image-classes.txt" 2>&1 || fail "the pipeline image does not start: $(tail -5 "$tmp/image-classes.txt")"
  grep -q "io.paypulse.cli.Main source: shared objects file (top)" "$tmp/image-classes.txt" \
    || fail "the pipeline image does not use its class archive (/opt/paypulse/paypulse.jsa)"
  make status-pipeline LOCAL_IMAGES=1 COMPOSE_PROFILES= | tee "$tmp/status.txt"
  make restart-pipeline LOCAL_IMAGES=1 COMPOSE_PROFILES=
  make status-pipeline LOCAL_IMAGES=1 COMPOSE_PROFILES= | tee "$tmp/status2.txt"
  # The summary lines: service, state, health ("-" for the generator, which has no healthcheck).
  for svc in kafka1 kafka2 kafka3 processor; do
    grep -Eq "^  $svc +running +healthy$" "$tmp/status2.txt" || fail "$svc is not running and healthy after restart-pipeline"
  done
  grep -Eq "^  generator +running " "$tmp/status2.txt" || fail "the generator is not running after restart-pipeline"
  make stop-pipeline LOCAL_IMAGES=1 COMPOSE_PROFILES=
  make clean-pipeline LOCAL_IMAGES=1 COMPOSE_PROFILES= YES=1
fi
step done
