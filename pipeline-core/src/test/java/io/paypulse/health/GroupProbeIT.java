package io.paypulse.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.testing.SharedBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A health look must not depend on which bootstrap address a client happens to try first. The Docker
 * stack's CI run caught {@code /health} saying DOWN ("Timed out waiting for a node assignment") with
 * one of three brokers stopped: its address no longer answers a TCP handshake, and a fresh client per
 * look that picked it spent the whole look on the connect.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GroupProbeIT {

    private static final String TOPIC = "group-probe-it";

    @Test
    void everyLookAnswersWhileOneBootstrapAddressSwallowsHandshakes() throws Exception {
        SharedBroker.createTopics(Map.of(TOPIC, 2));
        try (BlackHole dead = BlackHole.open()) {
            String bootstrap = dead.address() + "," + SharedBroker.bootstrapServers();
            try (GroupProbe probe = new GroupProbe(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    "group-probe-it-group", TOPIC, Duration.ofSeconds(3))) {
                List<String> problems = new ArrayList<>();
                for (int look = 0; look < 12; look++) {
                    GroupProgress p = probe.look();
                    if (!p.reachable()) {
                        problems.add("look " + look + ": " + p.problem());
                    }
                }
                assertThat(problems).as("looks that called a live cluster unreachable").isEmpty();
            }
        }
    }

    /**
     * A listening port whose accept queue is full and never drained: Linux then drops further SYNs,
     * so a connect hangs as it does to a stopped container's address.
     */
    private record BlackHole(ServerSocket server, List<Socket> fillers) implements AutoCloseable {

        static BlackHole open() throws IOException {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress("127.0.0.1", 0), 1);
            List<Socket> fillers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Socket s = new Socket();
                try {
                    s.connect(server.getLocalSocketAddress(), 300);
                    fillers.add(s);
                } catch (IOException full) {
                    s.close();
                    break;
                }
            }
            return new BlackHole(server, fillers);
        }

        String address() {
            return "127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket s : fillers) {
                s.close();
            }
            server.close();
        }
    }
}
