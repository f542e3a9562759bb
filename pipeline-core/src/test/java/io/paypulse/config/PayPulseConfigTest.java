package io.paypulse.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.files.FileModes;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The copy path ({@code with}) changes the one component asked for and keeps every other. The expected
 * values are checked component by component (by reflection), not built with a canonical constructor, so a
 * new setting is covered without touching this test.
 */
class PayPulseConfigTest {

    private final PayPulseConfig base = PayPulseConfig.forCluster("k:1", Path.of("d")).with(b -> {
        b.outputDir = Path.of("o");
        b.brokerPort = 9101;
        b.brokerPortExplicit = true;
        b.partitions = 3;
        b.replication = 2;
        b.generator = GeneratorSettings.defaults().with(g -> {
            g.rate = 7;
            g.events = 8;
            g.seed = 9L;
            g.scenario = "quiet";
            g.logFormat = "python";
        });
        b.processor = ProcessorSettings.defaults().withHttpPort(8080);
        b.kafka = Map.of("a", "b");
        b.schemaRegistryUrl = "http://r:8081";
        b.fileModes = FileModes.ofFileMode("640");
    });

    @Test
    void eachWithChangesOnlyItsComponent() throws Exception {
        GeneratorSettings g = GeneratorSettings.defaults();
        assertOnlyChanged(base, base.withGenerator(g), Map.of("generator", g));
        assertThat(base.withBootstrapServers("x:2").bootstrapServers()).isEqualTo("x:2");
        assertThat(base.withBootstrapServers("x:2").withBootstrapServers("k:1")).isEqualTo(base);
        assertThat(base.withSchemaRegistryUrl("").withSchemaRegistryUrl("http://r:8081")).isEqualTo(base);
        assertThat(base.with(b -> b.partitions = 12)).isEqualTo(base.with(b -> b.partitions = 12))
                .isNotEqualTo(base).extracting(PayPulseConfig::partitions).isEqualTo(12);
    }

    @Test
    void processorWithChangesOnlyItsComponent() throws Exception {
        ProcessorSettings p = base.processor();
        ProcessorSettings changed = p.withStallTimeout(Duration.ofSeconds(9)).withParsedTopic(true)
                .withNotifyWebhookUrl("http://h:1/x").withRulesFile(Path.of("r.yaml")).withHttpPort(0);
        assertOnlyChanged(p, changed, Map.of("rulesFile", Path.of("r.yaml"), "httpPort", 0,
                "stallTimeout", Duration.ofSeconds(9), "parsedTopic", true, "notifyWebhookUrl", "http://h:1/x"));
    }

    /**
     * Every component of {@code after} equals {@code before}'s, except those named in {@code changed}: they
     * hold the values given, which differ from {@code before}'s (else the change would not be seen).
     */
    private static void assertOnlyChanged(Record before, Record after, Map<String, Object> changed) throws Exception {
        RecordComponent[] components = before.getClass().getRecordComponents();
        assertThat(Arrays.stream(components).map(RecordComponent::getName)).containsAll(changed.keySet());
        for (RecordComponent c : components) {
            Object was = c.getAccessor().invoke(before);
            Object now = c.getAccessor().invoke(after);
            if (changed.containsKey(c.getName())) {
                assertThat(now).as(c.getName()).isEqualTo(changed.get(c.getName())).isNotEqualTo(was);
            } else {
                assertThat(now).as(c.getName() + " kept").isEqualTo(was);
            }
        }
    }
}
