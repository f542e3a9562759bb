# PayPulse. `make run` starts the pipeline; `make test` runs every test.
MVN ?= mvn -B
JAR := pipeline-core/target/paypulse.jar
SOURCES := $(shell find pom.xml pipeline-core/pom.xml pipeline-core/src/main -type f 2>/dev/null)

.PHONY: run test build jar bench clean help

help:
	@echo "make run     run the pipeline (embedded broker, processor, generator) until Ctrl-C"
	@echo "make test    run all tests (unit, topology, integration on a real embedded broker)"
	@echo "make jar     build $(JAR)"
	@echo "make bench   run the pipeline benchmarks and print figures"

$(JAR): $(SOURCES)
	$(MVN) -q -DskipTests package

jar: $(JAR)

build: jar

run: $(JAR)
	java -jar $(JAR) run $(ARGS)

test:
	$(MVN) verify

bench: $(JAR)
	$(MVN) -q -pl pipeline-core -DskipTests test-compile
	bash pipeline-core/bench/run-bench.sh

clean:
	$(MVN) -q clean
