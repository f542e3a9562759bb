package io.paypulse.pipeline;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.ConfigException;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.generate.Generator;
import io.paypulse.generate.RunMarker;
import io.paypulse.generate.SentOnTopic;
import io.paypulse.topic.Topics;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A bounded {@code run --events N} that survives being killed: started again with the same
 * settings on the same data directory it resumes, sending only the events of its seeded sequence
 * not yet on the raw topic, so the totals are those of one uninterrupted run of N events
 * (issue 10 §2). A {@link RunMarker} in the data directory says which run is in progress; another
 * run there is refused with a sentence that points at {@code --fresh}.
 *
 * <p>Use: {@link #plan} before the pipeline starts, pass the result as the pipeline's
 * {@link RunHooks}, {@link #finished()} once the run is complete.
 */
public final class BoundedRun implements RunHooks {

    private static final long TIMEOUT_SECONDS = 30;

    private final PayPulseConfig config;
    private final Optional<RunMarker> previous;
    private Map<Integer, Long> committedAtStart = Map.of();
    private long resumedFrom;
    private long needed;

    private BoundedRun(PayPulseConfig config, Optional<RunMarker> previous) {
        this.config = config;
        this.previous = previous;
        this.needed = config.generator().events();
    }

    /**
     * Checks the data directory for a run in progress.
     *
     * @return the run to start; its {@link #config()} carries the seed (the previous attempt's, or
     *         a new one when none was given, so that a restart can resume the same sequence)
     * @throws ConfigException when another run is in progress there
     */
    public static BoundedRun plan(PayPulseConfig requested) {
        Path dataDir = requested.dataDir();
        var g = requested.generator();
        Optional<RunMarker> marker = RunMarker.read(dataDir);
        if (marker.isPresent() && !marker.get().sameRun(g.seed(), g.events(), g.scenario())) {
            RunMarker m = marker.get();
            throw new ConfigException("The data directory " + dataDir + " holds an unfinished run of " + m.events()
                    + " events (seed " + m.seed() + ", scenario " + m.scenario() + "); repeat that run to finish it"
                    + " (paypulse run --events " + m.events() + " --seed " + m.seed() + "), or add --fresh to start over.");
        }
        if (g.events() == 0) {
            return new BoundedRun(requested, Optional.empty());
        }
        long seed = marker.map(RunMarker::seed).orElse(g.seed() != null ? g.seed() : new SecureRandom().nextLong());
        return new BoundedRun(requested.withGenerator(g.with(b -> b.seed = seed)), marker);
    }

    /** The configuration to run with (seed filled in). */
    public PayPulseConfig config() {
        return config;
    }

    /** Whether this start continues a run that was interrupted. */
    public boolean resuming() {
        return previous.isPresent();
    }

    /** Events of the run that were already on the topic at this start (known once the generator started). */
    public long resumedFrom() {
        return resumedFrom;
    }

    /**
     * Events the processor must finalize, reject or count late in this start before the run can be
     * complete: those it had not committed when it started (the whole run on a first start).
     */
    public long eventsToAccountFor() {
        return needed;
    }

    @Override
    public void clusterReady(PayPulseConfig effective) {
        if (previous.isPresent()) {
            committedAtStart = committedRawOffsets(effective);
        }
    }

    @Override
    public void beforeGenerator(PayPulseConfig effective, Generator generator) {
        if (config.generator().events() == 0) {
            return;
        }
        Map<Integer, Long> ends = rawEndOffsets(effective);
        if (previous.isEmpty()) {
            var g = config.generator();
            new RunMarker(g.seed(), g.events(), g.scenario(), ends).write(config.dataDir());
            return;
        }
        Map<Integer, Long> base = previous.get().baseOffsets();
        Map<String, Object> props = ClusterClients.base(effective, "paypulse-resume");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            generator.resume(SentOnTopic.read(consumer, base, ends));
        }
        long onTopic = 0;
        long committed = 0;
        for (var e : ends.entrySet()) {
            long b = base.getOrDefault(e.getKey(), 0L);
            onTopic += e.getValue() - b;
            committed += Math.max(0, committedAtStart.getOrDefault(e.getKey(), 0L) - b);
        }
        resumedFrom = onTopic;
        needed = Math.max(0, config.generator().events() - committed);
    }

    /** The run is complete: the next run on this data directory is a new one. */
    public void finished() {
        RunMarker.delete(config.dataDir());
    }

    private static Map<Integer, Long> rawEndOffsets(PayPulseConfig effective) {
        try (Admin admin = Admin.create(ClusterClients.base(effective, "paypulse-resume"))) {
            int partitions = admin.describeTopics(List.of(Topics.RAW)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(Topics.RAW).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(Topics.RAW, p), OffsetSpec.latest());
            }
            Map<Integer, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            return ends;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the end of topic " + Topics.RAW + " to resume the run: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Map<Integer, Long> committedRawOffsets(PayPulseConfig effective) {
        try (Admin admin = Admin.create(ClusterClients.base(effective, "paypulse-resume"))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(effective.processor().applicationId())
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<Integer, Long> raw = new HashMap<>();
            committed.forEach((tp, o) -> {
                if (tp.topic().equals(Topics.RAW) && o != null) {
                    raw.put(tp.partition(), o.offset());
                }
            });
            return raw;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Map.of();
            }
            throw new IllegalStateException("could not read the processor's committed offsets to resume the run: "
                    + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not read the processor's committed offsets to resume the run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
