package io.paypulse.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Arrays;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Marker;

/**
 * Drops the log lines of retried out-of-order sequence numbers, on both ends. With transactions v2
 * (Kafka 4) a new producer's pipelined batches are rejected until its batch with sequence 0 has landed
 * (KAFKA-18202): the broker logs an ERROR with a stack trace per batch and the producer a WARN per
 * retry, dozens at every processor start. The producer retries them and nothing is lost (every
 * exactly-once test counts records); a producer that cannot recover still fails, and that is logged
 * and reported. A turbo filter, so it applies to every appender (the app adds its log file at run time).
 */
public final class RetriedSequenceNoiseFilter extends TurboFilter {

    static final String BROKER_LOGGER = "kafka.server.ReplicaManager";
    static final String PRODUCER_LOGGER = "org.apache.kafka.clients.producer.internals.Sender";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        return brokerRejection(logger, level, t) || producerRetry(logger, level, format, params)
                ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static boolean brokerRejection(Logger logger, Level level, Throwable t) {
        return level == Level.ERROR && t instanceof OutOfOrderSequenceException && BROKER_LOGGER.equals(logger.getName());
    }

    private static boolean producerRetry(Logger logger, Level level, String format, Object[] params) {
        return level == Level.WARN && format != null && format.contains("retrying") && params != null
                && PRODUCER_LOGGER.equals(logger.getName())
                && Arrays.asList(params).contains(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
    }
}
