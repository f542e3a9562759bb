package io.paypulse.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.paypulse.config.ConfigException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** Where /health and /metrics can be reached from: this machine only, unless an address is chosen. */
class HealthServerBindTest {

    private final PrometheusMetrics metrics = new PrometheusMetrics(registry -> { });

    private HealthServer start(String host) {
        return host == null
                ? HealthServer.start(0, () -> HealthReport.of(KafkaStreams.State.RUNNING, null), metrics)
                : HealthServer.start(host, 0, () -> HealthReport.of(KafkaStreams.State.RUNNING, null), metrics);
    }

    @Test
    void byDefaultItAnswersOnLoopbackAndRefusesOtherAddressesOfThisMachine() throws Exception {
        try (HealthServer server = start(null)) {
            assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
            assertThat(get("127.0.0.1", server.port())).isEqualTo(200);
            List<InetAddress> others = nonLoopbackAddresses();
            for (InetAddress other : others) {
                assertThat(connects(other, server.port())).as("reachable on %s", other).isFalse();
            }
        } finally {
            metrics.close();
        }
    }

    @Test
    void allInterfacesWhenAskedForThemAsContainersDo() throws Exception {
        List<InetAddress> others = nonLoopbackAddresses();
        assumeThat(others).as("this machine has a non-loopback address").isNotEmpty();
        try (HealthServer server = start("0.0.0.0")) {
            assertThat(server.address().getAddress().isAnyLocalAddress()).isTrue();
            assertThat(connects(others.get(0), server.port())).isTrue();
            assertThat(get("127.0.0.1", server.port())).isEqualTo(200);
        } finally {
            metrics.close();
        }
    }

    @Test
    void anAddressThisMachineDoesNotHaveIsOneSentenceNamingTheSetting() {
        // 203.0.113.0/24 is TEST-NET-3: documentation only, never assigned to a machine.
        assertThatThrownBy(() -> start("203.0.113.7"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value '203.0.113.7' for processor.http-host: allowed: an address of this machine "
                        + "such as 127.0.0.1 (default) or 0.0.0.0 (all interfaces).");
        metrics.close();
    }

    private static int get(String host, int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/health")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static boolean connects(InetAddress address, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    /** Addresses of this machine's interfaces that other machines could use (like {@code hostname -I}). */
    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(i -> {
                    try {
                        return i.isUp() && !i.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !(a instanceof Inet6Address && a.isLinkLocalAddress()))
                .toList();
    }
}
