package io.paypulse.process;

import io.paypulse.event.PaymentType;
import io.paypulse.event.Topics;
import io.paypulse.event.schema.RawEventReader;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor's topology, built by this one function and tested through it.
 *
 * <pre>
 * payment --parse--> payment-parsed   (schema-validated, plain JSON or Schema Registry wire format)
 *                \-> payment-dlq (invalid or unparseable, with reason and origin)
 * parsed + idle marks --(key "all", compact)--> window-input repartition (1 partition)
 *                --windows--> payment-agg-1m (live + final), payment-alerts, payment-dlq (late)
 * </pre>
 * Parsing scales with the raw topic's partitions; the window stage is one task because it needs
 * every event of a minute together (for rates and alerts) and costs little per event.
 */
public final class PaymentTopology {

    public static final String WINDOW_REPARTITION = "window-input";

    private PaymentTopology() {
    }

    /** The topology reading plain JSON only (no Schema Registry). */
    public static Topology build(TopologyOptions options, ProcessorStats stats) {
        return build(options, stats, RawEventReader.local());
    }

    /** @param reader how raw values are validated and parsed; shared by all parse tasks (thread-safe) */
    public static Topology build(TopologyOptions options, ProcessorStats stats, RawEventReader reader) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, Routed> routed = builder
                .stream(Topics.RAW, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-raw"))
                .process(() -> new ParseProcessor(stats, options, reader), Named.as("parse"));

        routed.filter((k, v) -> v.deadLetter() != null, Named.as("rejected"))
                .mapValues(Routed::deadLetter, Named.as("dead-letter"))
                .to(Topics.DLQ, Produced.with(Topics.KEY, Topics.DLQ_VALUE).withName("write-dlq"));

        if (options.parsedTopic()) {
            routed.filter((k, v) -> v.event() != null, Named.as("accepted"))
                    .mapValues(Routed::event, Named.as("parsed-event"))
                    .to(Topics.PARSED, Produced.with(Topics.KEY, Topics.PARSED_VALUE).withName("write-parsed"));
        }

        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(WindowProcessor.TOTALS_STORE), Serdes.Long(), WindowTotals.serde())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(WindowProcessor.USERS_STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(WindowProcessor.META_STORE), Serdes.String(), Serdes.String()));

        KStream<String, WindowOutput> windows = routed
                .filter((k, v) -> v.event() != null || v.isIdleMark(), Named.as("window-bound"))
                .map((k, r) -> KeyValue.pair("all", windowInput(r)), Named.as("to-window-input"))
                .repartition(Repartitioned.with(Serdes.String(), WindowInput.serde())
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

    private static WindowInput windowInput(Routed r) {
        if (r.isIdleMark()) {
            return WindowInput.idleMark(r.sourcePartition(), r.idleMarkMs());
        }
        var e = r.event();
        return new WindowInput(e.eventTime().toEpochMilli(), r.sourcePartition(), e.group().index(), e.amountCents(),
                e.type() == PaymentType.PAYMENT && e.failed() ? e.userId() : null);
    }
}
