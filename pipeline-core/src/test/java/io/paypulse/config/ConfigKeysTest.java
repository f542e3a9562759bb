package io.paypulse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The key list now comes from the settings records; users still see it in the order they always did. */
class ConfigKeysTest {

    /** As the hand-written list read before it was derived: the "known:" sentence and --show-config use it. */
    private static final List<String> BEFORE = List.of("bootstrap", "data-dir", "output-dir", "broker.port",
            "topics.partitions", "topics.replication", "generator.rate", "generator.events", "generator.seed",
            "generator.scenario", "generator.log-format", "processor.grace", "processor.guarantee",
            "processor.commit-interval", "processor.rules", "processor.threads", "processor.application-id",
            "processor.sinks", "processor.http-port", "processor.http-host", "schema.registry.url", "client-config",
            "file-mode", "processor.stall-timeout", "processor.parsed-topic", "notify.webhook-url");

    @Test
    void everyKeyIsKnownInTheOrderUsersHaveAlwaysSeenNewOnesAfter() {
        assertThat(ConfigKeys.ALL).startsWith(BEFORE.toArray(String[]::new)).doesNotHaveDuplicates();
    }

    @Test
    void showConfigListsEveryKeyInThatOrderThenTheClientProperties() {
        PayPulseConfig c = PayPulseConfig.forCluster("k:9092", Path.of("/d"))
                .with(b -> b.kafka = Map.of("acks", "all"));
        Map<String, String> shown = ConfigView.of(c, " /etc/c.properties ");
        assertThat(shown.keySet()).containsExactlyElementsOf(
                Stream.concat(ConfigKeys.ALL.stream(), Stream.of("kafka.acks")).toList());
        assertThat(shown.keySet()).startsWith(BEFORE.toArray(String[]::new));
        assertThat(shown).containsEntry("client-config", "/etc/c.properties").containsEntry("generator.seed", "")
                .containsEntry("topics.replication", "1").containsEntry("processor.grace", "5s")
                .containsEntry("output-dir", "/d/output");
    }

    @Test
    void linesPlacedAfterAKeyThatIsNotThereGoAtTheEnd() {
        List<Shown<String>> lines = List.of(new Shown<>("a", s -> s), new Shown<>("b", s -> s));
        List<Shown<String>> extra = List.of(new Shown<>("x", s -> s));
        assertThat(Shown.placeAfter(lines, "a", extra)).extracting(Shown::key).containsExactly("a", "x", "b");
        assertThat(Shown.placeAfter(lines, "zz", extra)).extracting(Shown::key).containsExactly("a", "b", "x");
    }
}
