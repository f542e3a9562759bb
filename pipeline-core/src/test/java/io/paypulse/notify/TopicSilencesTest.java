package io.paypulse.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.broker.PortProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A reader whose cluster is not there: it waits without blocking anyone and stops when told. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TopicSilencesTest {

    @Test
    void withoutAClusterTheViewIsEmptyNotLoadedAndClosesPromptly() throws Exception {
        Properties client = new Properties();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PortProbe.freePort("127.0.0.1"));
        TopicSilences silences = new TopicSilences("silences-nowhere");
        long t0 = System.nanoTime();
        silences.start(client);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("start returns at once").isLessThan(Duration.ofSeconds(2));

        assertThat(silences.awaitLoaded(Duration.ofSeconds(2))).isFalse();
        assertThat(silences.isLoaded()).isFalse();
        assertThat(silences.active(Instant.now())).isEmpty();
        assertThat(silences.silenced(SilenceTestAlerts.firing("payment-failure-rate", "Payment/failed"), Instant.now()))
                .isFalse();

        long c0 = System.nanoTime();
        silences.close();
        assertThat(Duration.ofNanos(System.nanoTime() - c0)).as("close").isLessThan(Duration.ofSeconds(5));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("silences-reader") && t.isAlive());
    }
}
