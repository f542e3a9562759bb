# make chaos: fault cycles under a steady generator, then an exact check (see pipeline-core/chaos/chaos.sh).
CYCLES ?= 20
RATE ?= 1000
POISON ?= true

.PHONY: chaos
chaos: $(JAR)
	$(MVN) -q -pl pipeline-core -DskipTests test-compile
	CYCLES=$(CYCLES) RATE=$(RATE) POISON=$(POISON) bash pipeline-core/chaos/chaos.sh
