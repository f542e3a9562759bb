package io.paypulse.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * Asks a cluster for its id, so a client that would otherwise retry forever fails fast with one sentence that
 * says what probably failed (see {@link ConnectionDiagnosis}).
 */
public final class ClusterCheck {

    private ClusterCheck() {
    }

    /**
     * @param clientProps Kafka client properties (bootstrap servers, security settings)
     * @throws ClusterUnreachableException naming the servers and the likely cause (nothing listening, a refused
     *                                     login, a TLS handshake or security protocol that does not match the
     *                                     listener) when the cluster does not answer in time
     */
    public static void requireReachable(Map<String, Object> clientProps, Duration timeout) {
        Object servers = clientProps.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (KafkaException e) {
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new ClusterUnreachableException("Cannot connect to Kafka at " + servers + ": " + why + ".", e);
        }
        try {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // The client only saw a timeout or an error code; say what probably failed (login, TLS, listener).
            throw ConnectionDiagnosis.likelyCause(p, e, timeout).orElseGet(() -> new ClusterUnreachableException("Kafka at "
                    + servers + " did not answer within " + timeout.toSeconds()
                    + " s; check the bootstrap servers and that the cluster is running.", e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnreachableException("Interrupted while connecting to Kafka at " + servers + ".", e);
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
