#!/bin/bash
# kafka-run-class.sh CLASS ARGS...: runs a Kafka class with the image's jars (as in the Kafka distribution).
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} -Dlog4j2.configurationFile=/opt/kafka/config/tools-log4j2.properties \
    ${KAFKA_OPTS:-} -cp '/opt/kafka/libs/*' "$@"
