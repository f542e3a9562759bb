package io.paypulse.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.paypulse.alert.AlertRule;
import io.paypulse.event.Alert;
import io.paypulse.event.DeadLetter;
import io.paypulse.event.LogEvent;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.WindowAggregate;
import io.paypulse.json.Mappers;
import io.paypulse.schema.RawEventReader;
import io.paypulse.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** Drives {@link PaymentTopology#build} (the production function) through TopologyTestDriver. */
final class TopologyHarness implements AutoCloseable {

    /** The window stage's repartition topic as the driver names it. */
    static final String WINDOW_STAGE_TOPIC = "topology-test-" + PaymentTopology.WINDOW_REPARTITION + "-repartition";

    final ProcessorStats stats = new ProcessorStats();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> raw;
    private final TestOutputTopic<String, ParsedEvent> parsed;
    private final TestOutputTopic<String, WindowAggregate> aggregates;
    private final TestOutputTopic<String, Alert> alerts;
    private final TestOutputTopic<String, DeadLetter> dlq;
    private final TestOutputTopic<String, byte[]> dlqBytes;
    private final TestOutputTopic<String, Partial> windowStage;
    private final Duration liveInterval;
    private Instant wallClock;

    TopologyHarness(Duration grace, List<AlertRule> rules, Instant wallClockStart) {
        this(TopologyOptions.of(1, grace, rules), wallClockStart);
    }

    /** The driver has one raw partition (0); its wall clock moves only when told. */
    TopologyHarness(TopologyOptions options, Instant wallClockStart) {
        this(options, wallClockStart, RawEventReader.local());
    }

    /**
     * With {@code reader} deciding how raw values are read (e.g. with a Schema Registry). The harness
     * switches {@code payment-parsed} on, so tests can read what was parsed ({@link #parsed()}).
     */
    TopologyHarness(TopologyOptions options, Instant wallClockStart, RawEventReader reader) {
        this(options.withParsedTopic(true), reader, wallClockStart);
    }

    /** The topology exactly as {@code options} build it ({@code payment-parsed} only if they say so). */
    static TopologyHarness asBuilt(TopologyOptions options, Instant wallClockStart) {
        return new TopologyHarness(options, RawEventReader.local(), wallClockStart);
    }

    private TopologyHarness(TopologyOptions options, RawEventReader reader, Instant wallClockStart) {
        liveInterval = options.liveInterval();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.putAll(StreamsSettings.errorHandling(stats)); // the processor's exception handlers, counting in stats
        wallClock = wallClockStart;
        driver = new TopologyTestDriver(PaymentTopology.build(options, stats, reader), p, wallClockStart);
        raw = driver.createInputTopic(Topics.RAW, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        parsed = driver.createOutputTopic(Topics.PARSED, Serdes.String().deserializer(), Topics.PARSED_VALUE.deserializer());
        aggregates = driver.createOutputTopic(Topics.AGGREGATES, Serdes.String().deserializer(),
                Topics.AGGREGATE_VALUE.deserializer());
        alerts = driver.createOutputTopic(Topics.ALERTS, Serdes.String().deserializer(), Topics.ALERT_VALUE.deserializer());
        dlq = driver.createOutputTopic(Topics.DLQ, Serdes.String().deserializer(), Topics.DLQ_VALUE.deserializer());
        dlqBytes = driver.createOutputTopic(Topics.DLQ, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        windowStage = driver.createOutputTopic(WINDOW_STAGE_TOPIC, Serdes.String().deserializer(),
                Partial.serde().deserializer());
    }

    void send(String key, LogEvent event) {
        try {
            raw.pipeInput(key, Mappers.json().writeValueAsBytes(event), event.timestamp());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void sendRaw(String key, byte[] value, Instant recordTime) {
        raw.pipeInput(key, value, recordTime);
    }

    /** A raw record with headers (e.g. a re-drive's {@code paypulse-redrive-of}). */
    void sendRaw(String key, byte[] value, Instant recordTime, Headers headers) {
        raw.pipeInput(new TestRecord<>(key, value, headers, recordTime));
    }

    /** The DLQ records with their headers (reads the same queue as {@link #deadLetters()}). */
    List<TestRecord<String, DeadLetter>> deadLetterRecordsWithHeaders() {
        return dlq.readRecordsToList();
    }

    /**
     * Writes {@code value} straight into the window stage's repartition topic, as a foreign writer
     * on that internal topic would.
     */
    void sendToWindowInput(byte[] value, Instant recordTime) {
        driver.createInputTopic(WINDOW_STAGE_TOPIC, Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput("all", value, recordTime);
    }

    /** The DLQ records as bytes, to check their size (reads the same queue as {@link #deadLetters()}). */
    List<TestRecord<String, byte[]>> deadLetterRecords() {
        return dlqBytes.readRecordsToList();
    }

    /**
     * Advances the mock wall clock (fires wall-clock punctuations) to {@code t}: first to one live
     * interval before it, then to {@code t}, so that the parse tasks' partials sent at the first tick
     * have reached the window stage by the second (a real clock ticks both every interval).
     */
    void wallClockTo(Instant t) {
        Instant before = t.minus(liveInterval);
        if (before.isAfter(wallClock)) {
            driver.advanceWallClockTime(Duration.between(wallClock, before));
            wallClock = before;
        }
        if (t.isAfter(wallClock)) {
            driver.advanceWallClockTime(Duration.between(wallClock, t));
            wallClock = t;
        }
    }

    /** Counts the records on the window stage's repartition topic so far (what parse tasks sent it). */
    long windowStageRecords() {
        return windowStage.getQueueSize();
    }

    Instant wallClock() {
        return wallClock;
    }

    /** Reads and drops what long simulations do not look at (the driver keeps outputs until read). */
    void discardParsedAggregatesAndDeadLetters() {
        while (!parsed.isEmpty()) {
            parsed.readRecord();
        }
        while (!aggregates.isEmpty()) {
            aggregates.readRecord();
        }
        while (!dlq.isEmpty()) {
            dlq.readRecord();
        }
    }

    /** The partials the parse task has sent the window stage (read once, like the other outputs). */
    List<Partial> partials() {
        return windowStage.readValuesToList();
    }

    List<ParsedEvent> parsed() {
        return parsed.readValuesToList();
    }

    List<WindowAggregate> aggregates() {
        return aggregates.readValuesToList();
    }

    List<WindowAggregate> finals() {
        return aggregates().stream().filter(WindowAggregate::isFinal).toList();
    }

    List<Alert> alerts() {
        return alerts.readValuesToList();
    }

    List<DeadLetter> deadLetters() {
        return dlq.readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }

    static List<WindowAggregate> nonEmpty(List<WindowAggregate> aggs) {
        List<WindowAggregate> out = new ArrayList<>();
        for (WindowAggregate a : aggs) {
            if (a.eventCount() > 0) {
                out.add(a);
            }
        }
        return out;
    }
}
