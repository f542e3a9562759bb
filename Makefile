# PayPulse. `make run` opens the desktop app; `make test` runs every test.
MVN ?= mvn -B
JAR := pipeline-core/target/paypulse.jar
SOURCES := $(shell find pom.xml pipeline-core/pom.xml pipeline-core/src/main -type f 2>/dev/null)

.PHONY: run run-cli test test-crash build jar bench bench-users bench-ui bench-parser bench-warmup jar-archive screenshot clean help

help:
	@echo "make run     open the desktop app (Start runs the embedded broker, processor and generator)"
	@echo "make run-cli run the pipeline on the command line (embedded broker, processor, generator) until Ctrl-C"
	@echo "make screenshot  run the app under Xvfb for ~75 s and save docs/screenshot.png"
	@echo "make test    set up what the tests need (mk/setup-test-env.sh), then run all tests (unit, topology, integration)"
	@echo "make jar     build $(JAR)"
	@echo "make bench   run the pipeline benchmarks and the users' shape (issue 11), print figures"
	@echo "make bench-users  only the users' shape: broker and processor JVMs, 1M events in the original format"
	@echo "make bench-ui  FX pulse/tick times and heap of the real app (headless) at 50k events/s for 5 min"
	@echo "make bench-parser  CPU ns/event of the parse step, before issue 11 vs now, on both input shapes (~1 min)"
	@echo "make bench-warmup  cold processor JVMs under JIT/GC/class-archive options (docs/warmup.md)"
	@echo "make jar-archive   a class archive for java -jar $(JAR): faster starts (docs/warmup.md)"

$(JAR): $(SOURCES)
	$(MVN) -q -DskipTests package

jar: $(JAR)

build: jar

run:
	@bash mk/check-gtk.sh
	$(MVN) -q -pl app -am -DskipTests install
	$(MVN) -q -pl app exec:exec

run-cli: $(JAR)
	java -jar $(JAR) run $(ARGS)

screenshot:
	bash app/screenshot.sh

# The machine first (Docker engine, local images, Xvfb/GTK/fakeroot, busybox, trayer: each step says
# what it found and skips what is there; see mk/setup-test-env.sh), then every test with the tray up.
test:
	bash mk/setup-test-env.sh
	bash mk/with-tray.sh $(MVN) verify

# Only the SIGKILL/restart test (also part of `make test`), for running it repeatedly.
test-crash:
	$(MVN) -pl pipeline-core verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ProcessorCrashIT

bench: $(JAR)
	$(MVN) -q -pl pipeline-core -DskipTests test-compile
	bash pipeline-core/bench/run-bench.sh
	bash pipeline-core/bench/run-users-shape.sh

# The users' shape alone; USERS_SHAPE_EVENTS=200000 and the other knobs in run-users-shape.sh.
bench-users: $(JAR)
	$(MVN) -q -pl pipeline-core -DskipTests test-compile
	bash pipeline-core/bench/run-users-shape.sh

bench-ui:
	MVN="$(MVN)" bash app/bench-ui.sh

bench-parser:
	$(MVN) -q -pl pipeline-core -am -DskipTests test-compile
	MVN_CMD="$(MVN)" bash pipeline-core/bench/run-parser-bench.sh

# Cold `paypulse process` JVMs under JVM option sets (JIT, GC, AppCDS, JDK 25 AOT cache): docs/warmup.md.
#   WARMUP_EVENTS=200000 WARMUP_REPS=3 WARMUP_VARIANTS="default cds17" make bench-warmup
bench-warmup: $(JAR)
	python3 pipeline-core/bench/warmup-bench.py

# A class archive (AppCDS) for `java -jar $(JAR)` on this machine's java, retrained on every call so it
# never lags the jar or the JVM; prints the options that use it (docs/warmup.md). The image has its own.
jar-archive: $(JAR)
	@bash packaging/warmup/train.sh java $(CURDIR)/$(JAR) $(CURDIR)/pipeline-core/target/paypulse \
	  | sed 's|^|java |; s|$$| -jar $(CURDIR)/$(JAR) process ...|'

clean:
	$(MVN) -q clean

include mk/stack.mk
include mk/package.mk
include mk/chaos.mk
