package io.paypulse.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.paypulse.broker.PortProbe;
import io.paypulse.cli.Main;
import io.paypulse.testing.SharedBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong security settings against the shared (plaintext) broker: the sentence names what probably failed
 * instead of only "did not answer", and comes quickly.
 */
class ClusterCheckIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Test
    void tlsAgainstAPlaintextListenerSaysTheHandshakeFailedAndWhy() {
        String servers = SharedBroker.bootstrapServers();
        Map<String, Object> props = props(servers);
        props.put("security.protocol", "SSL");
        long t0 = System.nanoTime();
        ClusterUnreachableException e = check(props);
        assertThat(e.getMessage()).isEqualTo("Kafka at " + servers + " did not answer within 3 s: the TLS handshake failed"
                + " because this listener speaks plaintext, not TLS (kafka.security.protocol is SSL). Use the broker's TLS"
                + " listener, or set kafka.security.protocol to PLAINTEXT.");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(12));
    }

    @Test
    void saslAgainstAPlaintextListenerSaysTheSecurityProtocolDoesNotMatch() {
        String servers = SharedBroker.bootstrapServers();
        Map<String, Object> props = props(servers);
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "PLAIN");
        props.put("sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";");
        long t0 = System.nanoTime();
        ClusterUnreachableException e = check(props);
        assertThat(e.getMessage()).startsWith("Kafka at " + servers + " does not use SASL on this listener, but "
                + "kafka.security.protocol is SASL_PLAINTEXT: a security protocol mismatch.");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(12));
    }

    @Test
    void aPortNobodyListensOnSaysSo() {
        int port = PortProbe.freePort("localhost");
        ClusterUnreachableException e = check(props("localhost:" + port));
        assertThat(e.getMessage()).isEqualTo("Kafka at localhost:" + port + " did not answer within 3 s; check the"
                + " bootstrap servers and that the cluster is running.");
    }

    @Test
    void theTopicsCommandNamesTheTlsMismatchInsteadOfATimeout() {
        String servers = SharedBroker.bootstrapServers();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "topics", "list", "--bootstrap", servers, "--timeout", "3", "--set", "kafka.security.protocol=SSL");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("paypulse: Kafka at " + servers + " did not answer within 3 s: the TLS"
                + " handshake failed because this listener speaks plaintext, not TLS (kafka.security.protocol is SSL). Use"
                + " the broker's TLS listener, or set kafka.security.protocol to PLAINTEXT.");
    }

    /** The processor's own topic set-up (30 s) names the mismatch too, instead of a bare timeout. */
    @Test
    void theProcessCommandNamesTheTlsMismatchInsteadOfATimeout(@TempDir Path dir) {
        assertTlsMismatchNamedWithinSeconds("process", "--bootstrap", SharedBroker.bootstrapServers(), "--data-dir",
                dir.toString(), "--no-sinks", "--http-port", "0", "--set", "kafka.security.protocol=SSL");
    }

    @Test
    void theGenerateCommandNamesTheTlsMismatchInsteadOfATimeout() {
        assertTlsMismatchNamedWithinSeconds("generate", "--bootstrap", SharedBroker.bootstrapServers(), "--events", "10",
                "--set", "kafka.security.protocol=SSL");
    }

    /**
     * The command fails with the cause, and soon: it used to take a minute (the admin client's close
     * waited out its own 60 s API timeout after ours), which looks like a hang to whoever typed it.
     */
    private static void assertTlsMismatchNamedWithinSeconds(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).contains("the TLS handshake failed because this listener speaks plaintext,"
                + " not TLS (kafka.security.protocol is SSL)");
        assertThat(took).as("time to the sentence").isLessThan(Duration.ofSeconds(30));
    }

    private static ClusterUnreachableException check(Map<String, Object> props) {
        return catchThrowableOfType(() -> ClusterCheck.requireReachable(props, TIMEOUT), ClusterUnreachableException.class);
    }

    private static Map<String, Object> props(String servers) {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", servers);
        p.put("client.id", "cluster-check-it");
        return p;
    }
}
