package io.paypulse.pipeline;

import io.paypulse.cluster.ClusterClients;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Diagnostics for a stalled pipeline test: per partition, the log end offset next to the last
 * stable offset (a gap means an open transaction holds back read_committed readers), and the
 * transactions the broker knows with their state.
 */
final class TransactionReport {

    private TransactionReport() {
    }

    static void print(String bootstrap) {
        try (Admin admin = Admin.create(ClusterClients.base(bootstrap, Map.of(), "test-diagnostics"))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var d : admin.describeTopics(admin.listTopics().names().get(10, TimeUnit.SECONDS)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).values()) {
                d.partitions().forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
            }
            var end = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                    .get(10, TimeUnit.SECONDS);
            var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(10, TimeUnit.SECONDS);
            Map<String, String> rows = new TreeMap<>();
            end.forEach((tp, info) -> rows.put(tp.toString(), "end " + info.offset() + " stable " + stable.get(tp).offset()
                    + (info.offset() != stable.get(tp).offset() ? "  <-- open transaction" : "")));
            rows.forEach((tp, row) -> System.out.println("ProcessorCrashIT: " + tp + " " + row));
            for (TransactionListing t : admin.listTransactions().all().get(10, TimeUnit.SECONDS)) {
                System.out.println("ProcessorCrashIT: transaction " + t.transactionalId() + " producer " + t.producerId()
                        + " " + t.state());
            }
        } catch (Exception e) {
            System.out.println("ProcessorCrashIT: diagnostics failed: " + e);
        }
    }
}
