#!/usr/bin/env python3
"""Warm-up bench (issue 11 §5): a cold `paypulse process` JVM per run against a broker in its own JVM
with a pre-filled topic, under several JVM option sets, printed as one Markdown table.

    make bench-warmup                                  # 200,000 events, 3 runs per option set
    WARMUP_EVENTS=50000 WARMUP_REPS=1 make bench-warmup
    WARMUP_VARIANTS="default cds17" make bench-warmup  # some option sets only (names: see VARIANTS)

Per run: a new application id and data dir, so the processor reads the whole topic from the start.
Figures of the processor JVM only, read from /proc while it runs (this script is the only sampler):
  first event  launch -> paypulse_events_parsed_total > 0, and the JVM's CPU-s then: start-up cost
  caught up  launch -> paypulse_events_parsed_total + rejected_total = events in the topic (/metrics)
  CPU-s      utime+stime of the JVM at that moment
  JIT CPU-s  CPU of its C1/C2 compiler threads at that moment (max per thread id seen, sampled every
             0.25 s, so threads that the JVM retires are still counted up to their last sample)
  peak RSS   VmHWM at that moment
The option sets with an archive (AppCDS on Java 17, the AOT cache on JDK 25) are trained first with
the same command `make package` uses (packaging/warmup/train.sh): one `paypulse run` of 20,000 events.
"""
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
BUILT_JAR = os.path.join(ROOT, "pipeline-core", "target", "paypulse.jar")
JAR = BUILT_JAR  # replaced by a private copy in main(): a rebuild meanwhile must not make an archive stale
JAVA17 = shutil.which("java")
JAVA25 = os.environ.get("WARMUP_JAVA25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
EVENTS = int(os.environ.get("WARMUP_EVENTS", "200000"))
REPS = int(os.environ.get("WARMUP_REPS", "3"))
TIMEOUT_S = float(os.environ.get("WARMUP_TIMEOUT", "300"))
TRAIN = os.path.join(ROOT, "packaging", "warmup", "train.sh")
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")

# name -> (java, JVM options, archive kind or None, what it is)
VARIANTS = {
    "default":   (JAVA17, [], None, "Java 17 defaults (G1, tiered C1+C2, JDK's own CDS)"),
    "c1only":    (JAVA17, ["-XX:TieredStopAtLevel=1"], None, "C1 only: no C2 compilations"),
    "serialgc":  (JAVA17, ["-XX:+UseSerialGC"], None, "Serial GC instead of G1 (2 cores)"),
    "cic3":      (JAVA17, ["-XX:CICompilerCount=3"], None, "3 compiler threads (default 2 on 2 cores)"),
    "noshare":   (JAVA17, ["-Xshare:off"], None, "no CDS at all (what CDS already saves)"),
    "cds17":     (JAVA17, ["@CDS17"], "cds17", "AppCDS dynamic archive of a training run"),
    "jdk25":     (JAVA25, [], None, "Temurin 25 defaults"),
    "aot25":     (JAVA25, ["@AOT25"], "aot25", "Temurin 25 + AOT cache of a training run (JEP 483/514/515)"),
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_cpu_s(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime (fields 14, 15)


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def sample_jit(pid, seen):
    """Updates seen[tid] with the CPU-s of each compiler thread of pid."""
    task = f"/proc/{pid}/task"
    try:
        tids = os.listdir(task)
    except OSError:
        return
    for tid in tids:
        try:
            with open(f"{task}/{tid}/stat") as f:
                raw = f.read()
        except OSError:
            continue
        name = raw[raw.index("(") + 1:raw.rindex(")")]
        if "CompilerThre" in name:  # "C1 CompilerThre", "C2 CompilerThre" (comm is cut at 15 chars)
            fields = raw.rsplit(")", 1)[1].split()
            seen[tid] = (int(fields[11]) + int(fields[12])) / CLK_TCK


def metric_sum(port, names):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as r:
            text = r.read().decode()
    except OSError:
        return None
    total = 0.0
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in names:
            total += float(parts[1])
    return total


def start(cmd, log, env=None):
    return subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)


def stop(p, timeout=60):
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def wait_for_line(path, pattern, p, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if p.poll() is not None:
            sys.exit(f"warmup-bench: {path} ended before '{pattern}':\n" + open(path).read()[-2000:])
        with open(path) as f:
            m = re.search(pattern, f.read())
        if m:
            return m
        time.sleep(0.25)
    sys.exit(f"warmup-bench: timed out waiting for '{pattern}' in {path}")


def one_run(work, bootstrap, name, java, opts, rep):
    port = free_port()
    data = os.path.join(work, f"p-{name}-{rep}")
    os.makedirs(data)
    log_path = os.path.join(data, "out.log")
    cmd = [java, *opts, "-jar", JAR, "process", "--bootstrap", bootstrap, "--data-dir", data,
           "--application-id", f"warmup-{name}-{rep}-{os.getpid()}", "--http-port", str(port)]
    with open(log_path, "w") as log:
        t0 = time.monotonic()
        p = start(cmd, log)
        jit = {}
        names = ("paypulse_events_parsed_total", "paypulse_events_rejected_total")
        done_at = None
        first = None
        try:
            while time.monotonic() - t0 < TIMEOUT_S:
                if p.poll() is not None:
                    sys.exit(f"warmup-bench: process ({name}) exited {p.returncode}:\n" + open(log_path).read()[-3000:])
                sample_jit(p.pid, jit)
                n = metric_sum(port, names)
                if first is None and n:
                    first = (time.monotonic() - t0, proc_cpu_s(p.pid))
                if n is not None and n >= EVENTS:
                    done_at = time.monotonic() - t0
                    cpu, rss = proc_cpu_s(p.pid), peak_rss_mb(p.pid)
                    sample_jit(p.pid, jit)
                    break
                time.sleep(0.25)
        finally:
            stop(p)
    if done_at is None:
        sys.exit(f"warmup-bench: {name} run {rep} did not catch up within {TIMEOUT_S:.0f} s")
    with open(log_path) as f:
        warnings = [l.strip() for l in f if "warning" in l.lower() and "cds" in l.lower()]
    if warnings:  # an archive the JVM refused must not pass as a measurement
        sys.exit(f"warmup-bench: {name}: the JVM warned about its archive: {warnings[:3]}")
    return done_at, cpu, sum(jit.values()), rss, first[0], first[1]


def rng(xs, fmt):
    return fmt.format(min(xs)) if len(xs) == 1 or min(xs) == max(xs) else (fmt + "–" + fmt).format(min(xs), max(xs))


def main():
    global JAR
    # SIGTERM/Ctrl-C: unwind through the finally blocks, which stop the JVMs this script started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("warmup-bench: stopped"))
    if not os.path.isfile(BUILT_JAR):
        sys.exit(f"warmup-bench: no {BUILT_JAR}; run 'make jar' first")
    # cic3 only on request: one round on 2026-12-03 cost 30 CPU-s against 18.5 for the defaults.
    wanted = os.environ.get("WARMUP_VARIANTS", " ".join(v for v in VARIANTS if v != "cic3")).split()
    unknown = [w for w in wanted if w not in VARIANTS]
    if unknown:
        sys.exit(f"warmup-bench: unknown option set(s) {unknown}; known: {' '.join(VARIANTS)}")
    if any(VARIANTS[w][0] == JAVA25 for w in wanted) and not os.access(JAVA25, os.X_OK):
        sys.exit(f"warmup-bench: {JAVA25} not found (set WARMUP_JAVA25 or leave out jdk25/aot25)")
    work = tempfile.mkdtemp(prefix="paypulse-warmup.")
    broker = None
    try:
        JAR = os.path.join(work, "paypulse.jar")
        shutil.copy2(BUILT_JAR, JAR)
        archives = {}
        for w in wanted:
            kind = VARIANTS[w][2]
            if kind and kind not in archives:
                java = VARIANTS[w][0]
                t = time.monotonic()
                out = subprocess.run(["bash", TRAIN, java, JAR, os.path.join(work, kind)],
                                     capture_output=True, text=True)
                if out.returncode != 0:
                    sys.exit(f"warmup-bench: training {kind} failed:\n{out.stdout[-2000:]}{out.stderr[-2000:]}")
                archives[kind] = out.stdout.strip().splitlines()[-1]
                check = subprocess.run([java, *archives[kind].split(), "-Xlog:class+load=info", "-jar", JAR, "--version"],
                                       capture_output=True, text=True)
                if "io.paypulse.cli.Main source: shared objects file" not in check.stdout:
                    sys.exit(f"warmup-bench: the {kind} archive is not used by {java}:\n{check.stdout[-1500:]}")
                print(f"warmup-bench: trained {kind} in {time.monotonic() - t:.0f} s: {archives[kind]}", file=sys.stderr)

        bport = free_port()
        blog = os.path.join(work, "broker.log")
        broker = start(["java", "-jar", JAR, "broker", "--broker-port", str(bport), "--data-dir",
                        os.path.join(work, "broker")], open(blog, "w"))
        m = wait_for_line(blog, r"Broker ready on (\S+) in", broker, 120)
        bootstrap = m.group(1)
        gen = subprocess.run(["java", "-jar", JAR, "generate", "--bootstrap", bootstrap, "--events", str(EVENTS),
                              "--rate", "0", "--seed", "7", "--data-dir", os.path.join(work, "gen")],
                             capture_output=True, text=True)
        if gen.returncode != 0 or f"Sent {EVENTS} events" not in gen.stdout:
            sys.exit(f"warmup-bench: generate failed:\n{gen.stdout[-2000:]}{gen.stderr[-2000:]}")

        load = open("/proc/loadavg").read().split()[:3]
        print(f"warmup-bench: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
              f"{EVENTS} events pre-filled, {REPS} runs per option set (interleaved), load {' '.join(load)}",
              file=sys.stderr)
        results = {w: [] for w in wanted}
        for rep in range(1, REPS + 1):  # interleaved: a burst of load on the machine hits every set alike
            for w in wanted:
                java, opts, kind, _ = VARIANTS[w]
                opts = [a for o in opts for a in (archives[kind].split() if o.startswith("@") else [o])]
                r = one_run(work, bootstrap, w, java, opts, rep)
                results[w].append(r)
                print(f"  {w} run {rep}: first event {r[4]:.1f} s ({r[5]:.1f} CPU-s), caught up {r[0]:.1f} s, "
                      f"{r[1]:.1f} CPU-s, JIT {r[2]:.1f} CPU-s, peak RSS {r[3]:.0f} MB", file=sys.stderr)

        print(f"\n{EVENTS} events, cold `paypulse process` JVM, broker in its own JVM; min–max of {REPS} runs; "
              f"load before: {' '.join(load)}, after: {' '.join(open('/proc/loadavg').read().split()[:3])}\n")
        print("| option set | JVM options | start → first event (s) | CPU-s then | start → caught up (s) | CPU-s "
              "| JIT CPU-s | peak RSS (MB) | CPU-s vs default (medians) |")
        print("|---|---|---|---|---|---|---|---|---|")
        base = statistics.median(r[1] for r in results["default"]) if "default" in results else None
        for w in wanted:
            rs = results[w]
            java, opts, kind, what = VARIANTS[w]
            shown = " ".join(o.replace("@CDS17", "-XX:SharedArchiveFile=paypulse.jsa").replace("@AOT25", "-XX:AOTCache=paypulse.aot")
                             for o in opts) if opts else "(none)"
            if java == JAVA25:
                shown = "JDK 25 " + shown
            rel = f"{statistics.median(r[1] for r in rs) / base - 1:+.0%}" if base else ""
            print(f"| {w}: {what} | `{shown}` | {rng([r[4] for r in rs], '{:.1f}')} | {rng([r[5] for r in rs], '{:.1f}')} "
                  f"| {rng([r[0] for r in rs], '{:.1f}')} | {rng([r[1] for r in rs], '{:.1f}')} "
                  f"| {rng([r[2] for r in rs], '{:.1f}')} | {rng([r[3] for r in rs], '{:.0f}')} | {rel} |")
    finally:
        if broker:
            stop(broker)
        if not os.environ.get("WARMUP_KEEP"):
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"warmup-bench: kept {work}", file=sys.stderr)


if __name__ == "__main__":
    main()
