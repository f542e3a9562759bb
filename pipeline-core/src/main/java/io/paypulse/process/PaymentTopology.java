package io.paypulse.process;

import io.paypulse.schema.RawEventReader;
import io.paypulse.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor's topology, built by this one function and tested through it.
 *
 * <pre>
 * payment --parse + count per partition--> payment-dlq (invalid or unparseable, or late for its own
 *                                          partition: with reason and origin)
 *                                      \-> payment-parsed (opt-in: {@link TopologyOptions#parsedTopic})
 *         partials (per flush, not per event) --(key "all")--> window-partials repartition (1 partition)
 *                --windows--> payment-agg-1m (live + final), payment-alerts, payment-dlq (late partials)
 * </pre>
 * Parsing and counting scale with the raw topic's partitions; the window stage is one task because
 * it needs every partition's totals of a minute together (for rates and alerts), and it handles
 * O(partitions x flushes) records, not O(events). See docs/decisions/0010.
 */
public final class PaymentTopology {

    public static final String WINDOW_REPARTITION = "window-partials";

    private PaymentTopology() {
    }

    /** The topology reading plain JSON only (no Schema Registry). */
    public static Topology build(TopologyOptions options, ProcessorStats stats) {
        return build(options, stats, RawEventReader.local());
    }

    /** @param reader how raw values are validated and parsed; shared by all parse tasks (thread-safe) */
    public static Topology build(TopologyOptions options, ProcessorStats stats, RawEventReader reader) {
        StreamsBuilder builder = new StreamsBuilder();
        // Counted in memory, written once per changed key just before each commit (decision 0015).
        builder.addStateStore(parseStore(ParseProcessor.WINDOWS_STORE));
        builder.addStateStore(parseStore(ParseProcessor.USERS_STORE));
        builder.addStateStore(binaryStore(ParseProcessor.REDRIVE_STORE)); // re-drives counted (decision 0014)
        KStream<String, Routed> routed = builder
                .stream(Topics.RAW, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-raw"))
                .process(() -> new ParseProcessor(stats, options, reader), Named.as("parse"),
                        ParseProcessor.WINDOWS_STORE, ParseProcessor.USERS_STORE, ParseProcessor.REDRIVE_STORE);

        routed.filter((k, v) -> v.deadLetter() != null, Named.as("rejected"))
                .mapValues(Routed::deadLetter, Named.as("dead-letter"))
                .to(Topics.DLQ, Produced.with(Topics.KEY, Topics.DLQ_VALUE).withName("write-dlq"));

        if (options.parsedTopic()) {
            routed.filter((k, v) -> v.event() != null, Named.as("accepted"))
                    .mapValues(Routed::event, Named.as("parsed-event"))
                    .to(Topics.PARSED, Produced.with(Topics.KEY, Topics.PARSED_VALUE).withName("write-parsed"));
        }

        builder.addStateStore(binaryStore(WindowProcessor.TOTALS_STORE));
        builder.addStateStore(binaryStore(WindowProcessor.USERS_STORE));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(WindowProcessor.META_STORE), Serdes.String(), Serdes.String()));

        KStream<String, WindowOutput> windows = routed
                .filter((k, v) -> v.partial() != null, Named.as("partials"))
                .map((k, r) -> KeyValue.pair("all", r.partial()), Named.as("to-window-stage"))
                .repartition(Repartitioned.with(Serdes.String(), Partial.serde())
                        .withName(WINDOW_REPARTITION).withNumberOfPartitions(1))
                .process(() -> new WindowProcessor(options, stats), Named.as("windows"),
                        WindowProcessor.TOTALS_STORE, WindowProcessor.USERS_STORE, WindowProcessor.META_STORE);

        windows.filter((k, v) -> v.aggregate() != null, Named.as("aggregates"))
                .mapValues(WindowOutput::aggregate, Named.as("aggregate"))
                .to(Topics.AGGREGATES, Produced.with(Topics.KEY, Topics.AGGREGATE_VALUE).withName("write-aggregates"));
        windows.filter((k, v) -> v.alert() != null, Named.as("alerts"))
                .mapValues(WindowOutput::alert, Named.as("alert"))
                .to(Topics.ALERTS, Produced.with(Topics.KEY, Topics.ALERT_VALUE).withName("write-alerts"));
        windows.filter((k, v) -> v.late() != null, Named.as("late"))
                .mapValues(WindowOutput::late, Named.as("late-letter"))
                .to(Topics.DLQ, Produced.with(Topics.KEY, Topics.DLQ_VALUE).withName("write-late"));
        return builder.build();
    }

    /**
     * A parse task's count store: in memory, changelogged, written by its owner before each commit.
     * Without Streams' record cache: the owner already writes each changed key once per commit, so the
     * cache would only copy every write once more (decision 0015, session 9).
     */
    static StoreBuilder<KeyValueStore<Bytes, byte[]>> parseStore(String name) {
        return PreCommitStore.builder(binaryStore(name).withCachingDisabled());
    }

    private static StoreBuilder<KeyValueStore<Bytes, byte[]>> binaryStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled();
    }
}
