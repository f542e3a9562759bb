package io.paypulse.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/**
 * Makes sure the pipeline topics exist before a command starts its clients, and says in one sentence
 * why not when the cluster cannot be used: fast for settings that cannot work (TLS against a plaintext
 * listener, a refused login), after the full wait for a cluster that may still be starting.
 */
public final class TopicsReady {

    /** Long enough for a healthy cluster, short enough to name a mismatch within seconds. */
    static final Duration FIRST_TRY = Duration.ofSeconds(5);
    /** A plain close() waits for timed-out calls up to default.api.timeout.ms (60 s). */
    private static final Duration CLOSE = Duration.ofSeconds(1);

    private TopicsReady() {
    }

    /**
     * Creates the missing topics and returns the partition count {@code measured} really has (it may
     * have been created with more than configured).
     *
     * @throws ClusterUnreachableException with the likely cause (security mismatch, refused login, no answer)
     */
    public static int ensure(Map<String, Object> clientProps, Map<String, Integer> partitionsByTopic, short replication,
            Duration timeout, String measured) {
        Admin admin = Admin.create(clientProps);
        try {
            try {
                TopicSetup.ensure(admin, partitionsByTopic, replication, FIRST_TRY);
            } catch (ClusterUnreachableException first) {
                Optional<ClusterUnreachableException> mismatch =
                        ConnectionDiagnosis.definiteMismatch(clientProps, first.getCause(), FIRST_TRY);
                if (mismatch.isPresent()) {
                    throw mismatch.get();
                }
                try {
                    TopicSetup.ensure(admin, partitionsByTopic, replication, timeout);
                } catch (ClusterUnreachableException e) {
                    // A timeout may hide a refused login or a TLS/listener mismatch: say which when we can tell.
                    throw ConnectionDiagnosis.likelyCause(clientProps, e.getCause(), timeout).orElse(e);
                }
            }
            return TopicSetup.describe(admin, List.of(measured), timeout).get(measured).partitions();
        } finally {
            admin.close(CLOSE);
        }
    }
}
