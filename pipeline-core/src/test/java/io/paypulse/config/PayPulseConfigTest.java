package io.paypulse.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.files.FileModes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The copy path ({@code with}) changes the one component asked for and keeps every other. */
class PayPulseConfigTest {

    private final PayPulseConfig base = new PayPulseConfig("k:1", Path.of("d"), Path.of("o"), 9101, true, 3, (short) 2,
            new GeneratorSettings(7, 8, 9L, "quiet", "python"), ProcessorSettings.defaults().withHttpPort(8080),
            Map.of("a", "b"), "http://r:8081", FileModes.ofFileMode("640"));

    @Test
    void eachWithChangesOnlyItsComponent() {
        GeneratorSettings g = GeneratorSettings.defaults();
        assertThat(base.withGenerator(g)).isEqualTo(new PayPulseConfig("k:1", Path.of("d"), Path.of("o"), 9101, true, 3,
                (short) 2, g, base.processor(), Map.of("a", "b"), "http://r:8081", FileModes.ofFileMode("640")));
        assertThat(base.withBootstrapServers("x:2").bootstrapServers()).isEqualTo("x:2");
        assertThat(base.withBootstrapServers("x:2").withBootstrapServers("k:1")).isEqualTo(base);
        assertThat(base.withSchemaRegistryUrl("").withSchemaRegistryUrl("http://r:8081")).isEqualTo(base);
        assertThat(base.with(b -> b.partitions = 12)).isEqualTo(base.with(b -> b.partitions = 12))
                .isNotEqualTo(base).extracting(PayPulseConfig::partitions).isEqualTo(12);
    }

    @Test
    void processorWithChangesOnlyItsComponent() {
        ProcessorSettings p = base.processor();
        ProcessorSettings changed = p.withStallTimeout(Duration.ofSeconds(9)).withParsedTopic(true)
                .withNotifyWebhookUrl("http://h:1/x").withRulesFile(Path.of("r.yaml")).withHttpPort(0);
        assertThat(changed).isEqualTo(new ProcessorSettings(p.grace(), p.guarantee(), p.commitInterval(),
                Path.of("r.yaml"), p.threads(), p.applicationId(), p.sinks(), 0, p.httpHost(), Duration.ofSeconds(9),
                true, "http://h:1/x"));
    }
}
