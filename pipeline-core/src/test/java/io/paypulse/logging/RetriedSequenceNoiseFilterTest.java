package io.paypulse.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shipped logback.xml (command line, containers) keeps retried-sequence noise out of the log, and only that. */
class RetriedSequenceNoiseFilterTest {

    private static final String RETRY = "[Producer clientId=p] Got error produce response with correlation id {} on "
            + "topic-partition {}, retrying ({} attempts left). Error: {}";

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> seen = new ListAppender<>();

    @BeforeEach
    void configureFromTheShippedFile() throws Exception {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(RetriedSequenceNoiseFilter.class.getResource("/logback.xml"));
        seen.setContext(context);
        seen.start();
        context.getLogger("ROOT").addAppender(seen);
    }

    @Test
    void dropsTheBrokersErrorAndTheProducersRetryForAnOutOfOrderSequence() {
        context.getLogger(RetriedSequenceNoiseFilter.BROKER_LOGGER).error("Error processing append operation on partition payment-3",
                new OutOfOrderSequenceException("Expected sequence 0 for transactions v2 idempotent producer"));
        context.getLogger(RetriedSequenceNoiseFilter.PRODUCER_LOGGER).warn(RETRY, 163, "payment-parsed-3", 2147483646,
                Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(seen.list).isEmpty();
    }

    @Test
    void keepsOtherBrokerErrorsAndOtherRetries() {
        context.getLogger(RetriedSequenceNoiseFilter.BROKER_LOGGER).error("Error processing append operation on partition payment-3",
                new InvalidProducerEpochException("fenced"));
        context.getLogger(RetriedSequenceNoiseFilter.BROKER_LOGGER).error("disk full");
        context.getLogger(RetriedSequenceNoiseFilter.PRODUCER_LOGGER).warn(RETRY, 7, "payment-0", 5,
                Errors.NOT_LEADER_OR_FOLLOWER);
        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Error processing append operation on partition payment-3", "disk full",
                "[Producer clientId=p] Got error produce response with correlation id 7 on topic-partition payment-0, "
                        + "retrying (5 attempts left). Error: NOT_LEADER_OR_FOLLOWER");
    }

    @Test
    void keepsTheSameErrorFromAnyOtherLogger() {
        context.getLogger("io.paypulse.process.ProcessorService").error("producer failed",
                new OutOfOrderSequenceException("Out of order sequence number"));
        assertThat(seen.list).hasSize(1);
    }
}
