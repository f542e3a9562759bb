# The Docker stack (docker-compose.yml). The work is done by packaging/docker/stack.sh.
#   make start-pipeline                         # full stack (COMPOSE_PROFILES=full), waits until healthy
#   make start-pipeline COMPOSE_PROFILES=       # only kafka1..3, generator and processor
#   make start-pipeline LOCAL_IMAGES=1          # images built locally, for machines without a registry
#   make start-pipeline PROCESSOR_REPLICAS=3    # three processor replicas (docs/decisions/0011)
#   make status-pipeline | stop-pipeline (keeps volumes) | restart-pipeline | clean-pipeline [YES=1]
# status-pipeline and start-pipeline print each processor replica's /health and /metrics URL.
COMPOSE_PROFILES ?= full
LOCAL_IMAGES ?=
STACK = COMPOSE_PROFILES="$(COMPOSE_PROFILES)" LOCAL_IMAGES="$(LOCAL_IMAGES)" YES="$(YES)" bash packaging/docker/stack.sh

.PHONY: image start-pipeline stop-pipeline status-pipeline restart-pipeline clean-pipeline

image: $(JAR)
	$(STACK) image

start-pipeline: image
	$(STACK) start

stop-pipeline:
	$(STACK) stop

status-pipeline:
	$(STACK) status

restart-pipeline: image
	$(STACK) restart

clean-pipeline:
	$(STACK) clean
