package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.broker.PortProbe;
import io.paypulse.schema.RawEventReader;
import io.paypulse.schema.SchemaRegistryClient;
import io.paypulse.schema.SchemaRegistryException;
import io.paypulse.schema.Schemas;
import io.paypulse.schema.WireFormat;
import io.paypulse.testing.FakeSchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The production topology with a Schema Registry: both formats parse, an unknown id is dead-lettered, an outage stops. */
class SchemaRegistryTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final String LINE = "{\"timestamp\": \"2026-11-26T10:00:01Z\", \"level\": \"INFO\", \"message\": "
            + "\"Payment successful for order order_0123456789ab. Amount: $1.00. User: user_000001. "
            + "Payment ID: pay_0123456789abcdef. IP: 93.184.216.34\"}";

    private final FakeSchemaRegistry fake = FakeSchemaRegistry.start();

    @AfterEach
    void stop() {
        fake.close();
    }

    private TopologyHarness harness(SchemaRegistryClient client) {
        return new TopologyHarness(TopologyOptions.of(1, Duration.ofSeconds(5), List.of()), T0.plusSeconds(2),
                RawEventReader.withRegistry(client, Duration.ofMillis(300)));
    }

    @Test
    void wireFormatAndPlainJsonBothParseAndAnUnknownIdIsDeadLettered() {
        SchemaRegistryClient client = new SchemaRegistryClient(fake.url());
        int id = client.register(Schemas.RAW_SUBJECT, Schemas.RAW.text());
        byte[] json = LINE.getBytes(StandardCharsets.UTF_8);
        try (TopologyHarness h = harness(client)) {
            h.sendRaw("a", WireFormat.frame(id, json), T0);
            h.sendRaw("b", json, T0);
            h.sendRaw("c", WireFormat.frame(77, json), T0);

            assertThat(h.parsed()).hasSize(2);
            var dead = h.deadLetters();
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).key()).isEqualTo("c");
            assertThat(dead.get(0).reason()).startsWith("unknown schema id 77: ");
            assertThat(dead.get(0).value()).isEqualTo(WireFormat.frame(77, json));
        }
    }

    @Test
    void anUnreachableRegistryStopsProcessingInsteadOfDeadLetteringTheRecord() throws Exception {
        int port = PortProbe.freePort("127.0.0.1"); // nobody listens there
        SchemaRegistryClient down = new SchemaRegistryClient("http://127.0.0.1:" + port, Duration.ofMillis(300));
        try (TopologyHarness h = harness(down)) {
            assertThatThrownBy(() -> h.sendRaw("a", WireFormat.frame(1, LINE.getBytes(StandardCharsets.UTF_8)), T0))
                    .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof SchemaRegistryException));
            assertThat(h.deadLetters()).isEmpty();
            assertThat(h.parsed()).isEmpty();
        }
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable t = e; t != null && !out.contains(t); t = t.getCause()) {
            out.add(t);
        }
        return out;
    }
}
