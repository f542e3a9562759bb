package io.paypulse.generate;

import io.paypulse.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Utils;

/**
 * {@link AlreadySent} read from the raw topic: the generator's producer is idempotent, so on each
 * partition the records of a run form a prefix of the run's events for that partition (a kill loses
 * only a tail of in-flight batches, never one in the middle). Event {@code i} is therefore on the
 * topic exactly when {@code i} is at most the highest {@link Generator#SEQUENCE_HEADER} found on its
 * partition at or after the run's base offset. Only the tail of each partition is read.
 */
public final class SentOnTopic implements AlreadySent {

    /** Records read back from the end of a partition per step while looking for the last header. */
    private static final int STEP = 1_000;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final long[] highest;

    private SentOnTopic(long[] highest) {
        this.highest = highest;
    }

    /**
     * @param consumer    a consumer with byte-array (or any) deserializers and no group use
     * @param baseOffsets where the run's records start, per partition (absent: 0)
     * @param endOffsets  the partitions' current end offsets
     */
    public static SentOnTopic read(Consumer<byte[], byte[]> consumer, Map<Integer, Long> baseOffsets,
            Map<Integer, Long> endOffsets) {
        long[] highest = new long[endOffsets.size()];
        for (int p = 0; p < highest.length; p++) {
            highest[p] = highestSequence(consumer, p, baseOffsets.getOrDefault(p, 0L), endOffsets.get(p));
        }
        return new SentOnTopic(highest);
    }

    /** For tests: the highest sequence number found per partition, -1 for none. */
    static SentOnTopic of(long... highest) {
        return new SentOnTopic(highest.clone());
    }

    private static long highestSequence(Consumer<byte[], byte[]> consumer, int partition, long base, long end) {
        TopicPartition tp = new TopicPartition(Topics.RAW, partition);
        consumer.assign(List.of(tp));
        long to = end;
        while (to > base) {
            long from = Math.max(base, to - STEP);
            consumer.seek(tp, from);
            long best = -1;
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (consumer.position(tp) < to) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read partition " + partition + " of " + Topics.RAW
                            + " within " + READ_TIMEOUT.toSeconds() + " s to resume the run");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    if (r.offset() < to) {
                        best = Math.max(best, sequenceOf(r));
                    }
                }
            }
            if (best >= 0) {
                return best;
            }
            to = from;
        }
        return -1;
    }

    private static long sequenceOf(ConsumerRecord<byte[], byte[]> r) {
        Header h = r.headers().lastHeader(Generator.SEQUENCE_HEADER);
        if (h == null) {
            return -1; // not the generator's (a poison record, another tool)
        }
        try {
            return Long.parseLong(new String(h.value(), StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public boolean contains(long index, String key) {
        return index <= highest[partitionOf(key, highest.length)];
    }

    /** Whether any event of the run is on the topic. */
    public boolean any() {
        for (long h : highest) {
            if (h >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The producer's default partition for a key (murmur2 of the serialized key), as Kafka computes it. */
    static int partitionOf(String key, int partitions) {
        byte[] bytes = Topics.KEY.serializer().serialize(Topics.RAW, key);
        return Utils.toPositive(Utils.murmur2(bytes)) % partitions;
    }
}
