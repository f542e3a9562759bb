package io.paypulse.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The embedded broker probes its port, releases it, then probes the controller's before either is
 * bound: the OS may offer the same port twice, and the broker then fails to start with both
 * listeners on one port (seen as "PLAINTEXT://localhost:43331, CONTROLLER://127.0.0.1:43331").
 */
class PortProbeTest {

    @Test
    void theControllerPortIsNeverTheBrokerPortJustProbed() {
        for (int i = 0; i < 500; i++) {
            int broker = PortProbe.freePort("localhost");
            assertThat(PortProbe.freePortExcept("127.0.0.1", broker)).isNotEqualTo(broker).isPositive();
        }
    }
}
