package io.paypulse.process;

import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@link PartitionLag} from the Streams consumers' own {@code records-lag} metric (the lag after
 * their latest fetch of that partition). Unknown until the owning consumer has fetched it.
 * Scans the client's metrics: cheap at the parse tasks' once-per-second idle checks.
 */
final class StreamsConsumerLag implements PartitionLag {

    private static final String GROUP = "consumer-fetch-manager-metrics";
    private static final String NAME = "records-lag";

    private final Supplier<KafkaStreams> streams;

    StreamsConsumerLag(Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    @Override
    public OptionalLong of(String topic, int partition) {
        KafkaStreams s = streams.get();
        if (s == null) {
            return OptionalLong.empty();
        }
        String p = Integer.toString(partition);
        double worst = Double.NaN;
        for (Map.Entry<MetricName, ? extends Metric> e : s.metrics().entrySet()) {
            MetricName n = e.getKey();
            if (NAME.equals(n.name()) && GROUP.equals(n.group()) && topic.equals(n.tags().get("topic"))
                    && p.equals(n.tags().get("partition")) && e.getValue().metricValue() instanceof Double v
                    && !v.isNaN()) {
                worst = Double.isNaN(worst) ? v : Math.max(worst, v);
            }
        }
        return Double.isNaN(worst) ? OptionalLong.empty() : OptionalLong.of((long) worst);
    }
}
