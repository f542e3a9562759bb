package io.paypulse.cli;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.cluster.ClusterUnreachableException;
import io.paypulse.cluster.ConnectionDiagnosis;
import io.paypulse.config.ConfigKeys;
import io.paypulse.config.PayPulseConfig;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Option;

/** Flags of the short admin commands ({@code topics ...}): which cluster, and how long to wait for it. */
final class ClusterAdminOptions {

    @SettingFlag(ConfigKeys.BOOTSTRAP)
    @Option(names = "--bootstrap", paramLabel = "SERVERS", description = "Kafka bootstrap servers (required here or in the config).")
    String bootstrap;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "Give up when the cluster has not answered after this long. Default ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    Duration timeout() {
        return Duration.ofSeconds(Math.max(1, timeoutSeconds));
    }

    /**
     * Runs {@code work} with an admin client of the configured cluster; an unreachable cluster
     * becomes one sentence naming it (the admin gives up a little after our own deadline, so the
     * deadline is what the user sees).
     */
    <T> T withAdmin(PayPulseConfig config, Function<Admin, T> work) {
        GenerateCommand.requireBootstrap(config);
        Map<String, Object> props = ClusterClients.base(config, "paypulse-topics");
        int ms = (int) timeout().toMillis();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms + 5_000);
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) {
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new ClusterUnreachableException("Cannot connect to Kafka at " + config.bootstrapServers() + ": " + why
                    + ".", e);
        }
        try {
            return work.apply(admin);
        } catch (ClusterUnreachableException e) {
            // A timeout or an error code may hide a refused login or a TLS/listener mismatch: say which.
            ConnectionDiagnosis.likelyCause(props, e.getCause(), timeout()).ifPresent(c -> {
                throw c;
            });
            if (e.getCause() instanceof java.util.concurrent.TimeoutException
                    || e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new ClusterUnreachableException("Kafka at " + config.bootstrapServers() + " did not answer within "
                        + timeout().toSeconds() + " s; check --bootstrap and that the cluster is running.", e);
            }
            throw e;
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
