package io.paypulse.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.IllegalSaslStateException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;

/**
 * Says what probably went wrong when a Kafka client could not talk to a cluster: a refused login, a failed
 * TLS handshake, or security settings that do not match the listener (e.g. {@code security.protocol=SSL}
 * against a plaintext port, which looks like a silent timeout from the client's side). A timeout is followed
 * by one short probe: a plain TCP connect, and for TLS settings a plaintext request to the same address.
 */
public final class ConnectionDiagnosis {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private ConnectionDiagnosis() {
    }

    /**
     * @param clientProps the properties the failed client used (bootstrap servers, security settings)
     * @param failure     what the client reported (an {@code ExecutionException}, a timeout...)
     * @param timeout     how long it waited
     * @return one sentence naming the likely cause; empty when there is nothing more to say than "did not
     *         answer" (nothing accepts connections there, or the address cannot be read), so the caller keeps
     *         its own sentence
     */
    public static Optional<ClusterUnreachableException> likelyCause(Map<String, Object> clientProps, Throwable failure,
            Duration timeout) {
        String servers = String.valueOf(clientProps.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        return fromFailure(clientProps, servers, failure)
                .or(() -> afterTimeout(clientProps, servers, protocol(clientProps), failure, timeout));
    }

    /**
     * Only the causes that waiting longer cannot cure: a refused login or TLS handshake reported by the
     * client, or TLS settings against a listener that answers in plaintext. Empty for "no answer yet"
     * (a cluster still starting looks the same), so a caller can say the sentence after a short first
     * try and keep waiting otherwise.
     */
    public static Optional<ClusterUnreachableException> definiteMismatch(Map<String, Object> clientProps, Throwable failure,
            Duration waited) {
        String servers = String.valueOf(clientProps.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
        Optional<ClusterUnreachableException> reported = fromFailure(clientProps, servers, failure);
        if (reported.isPresent() || !protocol(clientProps).endsWith("SSL")) {
            return reported;
        }
        InetSocketAddress first = firstAddress(servers);
        if (first == null || !tcpConnects(first) || !answersInPlaintext(clientProps)) {
            return Optional.empty();
        }
        return afterTimeout(clientProps, servers, protocol(clientProps), failure, waited);
    }

    private static Optional<ClusterUnreachableException> fromFailure(Map<String, Object> clientProps, String servers,
            Throwable failure) {
        String protocol = protocol(clientProps);
        String mechanism = String.valueOf(clientProps.getOrDefault("sasl.mechanism", "GSSAPI"));
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String detail = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
            if (c instanceof IllegalSaslStateException || c instanceof UnsupportedSaslMechanismException) {
                if (detail.contains("enabled mechanisms are []")) {
                    return Optional.of(new ClusterUnreachableException("Kafka at " + servers
                            + " does not use SASL on this listener, but kafka.security.protocol is " + protocol + ": a security protocol mismatch. Set "
                            + "kafka.security.protocol to what the listener uses (probably PLAINTEXT or SSL), or use the "
                            + "broker's SASL listener.", failure));
                }
                return Optional.of(new ClusterUnreachableException("Kafka at " + servers
                        + " does not accept SASL mechanism " + mechanism + " here (" + detail + "); set kafka.sasl.mechanism to one the listener enables.", failure));
            }
            if (c instanceof SaslAuthenticationException) {
                return Optional.of(new ClusterUnreachableException("Kafka at " + servers + " refused the login (" + detail
                        + "); check the user and password in kafka.sasl.jaas.config and kafka.sasl.mechanism.", failure));
            }
            if (c instanceof SslAuthenticationException || c instanceof SSLException) {
                return Optional.of(new ClusterUnreachableException("The TLS handshake with Kafka at " + servers + " failed (" + detail
                        + "); check the trust store (kafka.ssl.truststore.*) and that this listener uses TLS.", failure));
            }
            if (c instanceof AuthenticationException) {
                return Optional.of(new ClusterUnreachableException("Authentication with Kafka at " + servers + " failed (" + detail
                        + "); check kafka.security.protocol and the kafka.sasl.* / kafka.ssl.* settings.", failure));
            }
        }
        return Optional.empty();
    }

    private static Optional<ClusterUnreachableException> afterTimeout(Map<String, Object> clientProps, String servers,
            String protocol, Throwable failure, Duration timeout) {
        String waited = "did not answer within " + timeout.toSeconds() + " s";
        InetSocketAddress first = firstAddress(servers);
        if (first == null || !tcpConnects(first)) {
            return Optional.empty(); // nothing listens there: "did not answer, check the servers" says it all
        }
        if (protocol.endsWith("SSL")) {
            if (answersInPlaintext(clientProps)) {
                return Optional.of(new ClusterUnreachableException("Kafka at " + servers + " " + waited + ": the TLS handshake failed "
                        + "because this listener speaks plaintext, not TLS (kafka.security.protocol is " + protocol
                        + "). Use the broker's TLS listener, or set kafka.security.protocol to "
                        + (protocol.startsWith("SASL") ? "SASL_PLAINTEXT" : "PLAINTEXT") + ".", failure));
            }
            return Optional.of(new ClusterUnreachableException("Kafka at " + servers + " " + waited + "; the TLS handshake probably "
                    + "failed: check that this listener uses TLS and the kafka.ssl.* settings.", failure));
        }
        return Optional.of(new ClusterUnreachableException("Kafka at " + servers + " accepted the connection but " + waited
                + "; if the listener uses TLS set kafka.security.protocol=SSL (or SASL_SSL), otherwise check that it is"
                + " a Kafka listener and that the cluster is healthy.", failure));
    }

    private static String protocol(Map<String, Object> props) {
        Object p = props.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        return p == null ? "PLAINTEXT" : p.toString().trim().toUpperCase(Locale.ROOT);
    }

    /** True when the same address answers a plaintext client: the listener does not speak TLS. */
    private static boolean answersInPlaintext(Map<String, Object> clientProps) {
        Map<String, Object> p = new HashMap<>();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, clientProps.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "paypulse-listener-probe");
        p.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        int ms = (int) PROBE_TIMEOUT.toMillis();
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().clusterId().get(ms, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    private static boolean tcpConnects(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, (int) PROBE_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static InetSocketAddress firstAddress(String servers) {
        String first = servers.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            String host = first.substring(0, colon).replace("[", "").replace("]", "");
            return new InetSocketAddress(host, Integer.parseInt(first.substring(colon + 1)));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
