package io.paypulse.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.paypulse.event.DeadLetter;
import io.paypulse.event.LogEvent;
import io.paypulse.json.Mappers;
import io.paypulse.schema.RawEventReader;
import io.paypulse.topic.Topics;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The production {@link ParseProcessor} for another raw partition than the driver's (TopologyTestDriver
 * has only partition 0): its partials go into the driver's window stage through
 * {@link TopologyHarness#sendToWindowInput}, as the repartition topic would carry them.
 */
final class OtherPartitionParseTask {

    private final MockProcessorContext<String, Routed> context;
    private final ParseProcessor processor;
    private final TopologyHarness windowStage;
    private final Duration flushInterval;
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    final ProcessorStats stats = new ProcessorStats();
    private long offset;

    OtherPartitionParseTask(int partition, TopologyOptions options, TopologyHarness windowStage) {
        this.windowStage = windowStage;
        this.flushInterval = options.liveInterval();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            File stateDir = Files.createTempDirectory("parse-task").toFile();
            stateDir.deleteOnExit(); // in-memory stores: it stays empty
            context = new MockProcessorContext<>(p, new TaskId(0, partition), stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.setCurrentSystemTimeMs(windowStage.wallClock().toEpochMilli());
        for (String name : List.of(ParseProcessor.WINDOWS_STORE, ParseProcessor.USERS_STORE, ParseProcessor.REDRIVE_STORE)) {
            // The count stores as production builds them (the parse task writes them before commits).
            KeyValueStore<Bytes, byte[]> store = name.equals(ParseProcessor.REDRIVE_STORE)
                    ? Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                            .withLoggingDisabled().build()
                    : PaymentTopology.parseStore(name).withLoggingDisabled().withCachingDisabled().build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
        processor = new ParseProcessor(stats, options, RawEventReader.local());
        processor.init(context);
    }

    /** Parses and counts {@code event}; whatever the task sends the window stage goes there at once. */
    void send(String key, LogEvent event) {
        context.setRecordMetadata(Topics.RAW, context.taskId().partition(), offset++);
        try {
            processor.process(new Record<>(key, Mappers.json().writeValueAsBytes(event), event.timestamp().toEpochMilli()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        deliver();
    }

    /** The flush tick at {@code wallClock}: changed windows go to the window stage. */
    void tick(Instant wallClock) {
        context.setCurrentSystemTimeMs(wallClock.toEpochMilli());
        context.scheduledPunctuators().stream().filter(s -> s.getInterval().equals(flushInterval)).findFirst()
                .orElseThrow().getPunctuator().punctuate(wallClock.toEpochMilli());
        deliver();
    }

    List<DeadLetter> deadLetters() {
        return deadLetters;
    }

    private void deliver() {
        for (var f : context.forwarded()) {
            Routed r = f.record().value();
            if (r.partial() != null) {
                windowStage.sendToWindowInput(Partial.serde().serializer().serialize(TopologyHarness.WINDOW_STAGE_TOPIC,
                        r.partial()), windowStage.wallClock());
            } else if (r.deadLetter() != null) {
                deadLetters.add(r.deadLetter());
            }
        }
        context.resetForwards();
    }
}
