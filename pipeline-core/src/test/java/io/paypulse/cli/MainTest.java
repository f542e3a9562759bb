package io.paypulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a user sees from the command line when something is off: one sentence and an exit code. */
class MainTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void versionNamesPayPulseKafkaAndJava() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("PayPulse").contains("Apache Kafka 4.3.1").contains("Java ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "generate", "process", "broker"})
    void everyCommandHasHelp(String command) {
        assertThat(run(command, "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: paypulse " + command).contains("--data-dir");
    }

    @Test
    void theCommandListGivesEachCommandAWholeSentence() {
        assertThat(run("--help")).isZero();
        // picocli lists the first description line of each command: a cut sentence reads as a bug.
        assertThat(out.toString())
                .containsPattern("(?m)^  process +Runs the processor \\(Kafka Streams\\) against a Kafka cluster\\.$")
                .containsPattern("(?m)^  generate +Sends payment log events to the 'payment' topic of a Kafka cluster\\.$")
                .containsPattern("(?m)^  topics +Creates or lists the pipeline topics on a Kafka cluster\\.$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ensure", "list"})
    void topicCommandsHaveHelp(String command) {
        assertThat(run("topics", command, "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: paypulse topics " + command).contains("--bootstrap")
                .contains("--timeout");
    }

    @Test
    void topicCommandsNeedAClusterAndSaySo() {
        assertThat(run("topics", "ensure", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("needs a Kafka cluster: give --bootstrap");
    }

    @Test
    void aBadHealthPortIsOneSentenceNamingTheKey() {
        assertThat(run("process", "--http-port", "70000", "--bootstrap", "localhost:1", "--data-dir", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo(
                "paypulse: Invalid value '70000' for processor.http-port (from --http-port): allowed: a port from 1 to 65535, or 0 for off.");
    }

    @Test
    void aTakenHealthPortIsReportedBeforeTheProcessorContactsKafka() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertThat(run("process", "--http-port", Integer.toString(port), "--bootstrap", "localhost:1",
                    "--no-sinks", "--data-dir", dir.toString())).isEqualTo(2);
            assertThat(err.toString().strip()).isEqualTo("paypulse: Port " + port
                    + " (processor.http-port) is already in use; choose another port, or 0 to turn the health endpoint off.");
        }
    }

    @Test
    void aBadFlagValueIsOneSentenceAndExitCodeTwo() {
        assertThat(run("run", "--rate", "fast", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("paypulse: Invalid value 'fast' for generator.rate (from --rate): allowed: a number from 0 to 10000000.");
    }

    @Test
    void anUnknownScenarioListsTheAllowedOnes() {
        assertThat(run("run", "--scenario", "meltdown", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("generator.scenario").contains("gateway-outage").doesNotContain("Exception");
    }

    @Test
    void aBadSettingInTheConfigFileNamesTheKey() throws Exception {
        Path config = dir.resolve("paypulse.yaml");
        Files.writeString(config, "processor:\n  guarantee: sometimes\n");
        assertThat(run("process", "--config", config.toString(), "--bootstrap", "localhost:1")).isEqualTo(2);
        assertThat(err.toString()).contains("processor.guarantee").contains("exactly_once_v2, at_least_once");
    }

    @Test
    void aBrokenRulesFileIsReportedBeforeAnythingStarts() throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, "rules:\n  - name: x\n    kind: sometimes\n    severity: WARNING\n");
        assertThat(run("run", "--rules", rules.toString(), "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("rules.yaml").contains("kind").doesNotContain("at io.");
        assertThat(dir.resolve("kafka")).doesNotExist();
    }

    @Test
    void workerCommandsNeedAClusterAndSaySo() {
        assertThat(run("process", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("needs a Kafka cluster: give --bootstrap");
    }

    @Test
    void aMalformedSetIsRejected() {
        assertThat(run("run", "--set", "nonsense", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--set takes KEY=VALUE");
        assertThat(run("run", "--set", "generator.rte=5", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown setting 'generator.rte'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "generate", "process"})
    void theWorkerCommandsTakeASchemaRegistry(String command) {
        assertThat(run(command, "--help")).isZero();
        assertThat(out.toString()).contains("--schema-registry=URL");
    }

    @Test
    void aBadSchemaRegistryUrlIsOneSentenceNamingTheKey() {
        assertThat(run("generate", "--schema-registry", "registry:8081", "--bootstrap", "localhost:1",
                "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("paypulse: Invalid value 'registry:8081' for schema.registry.url (from --schema-registry): "
                + "allowed: an http:// or https:// URL such as http://localhost:8081, or empty for no registry.");
    }

    @Test
    void aSetIsNotWipedOutByTheSameSettingsFlagWhenThatFlagIsAbsent() {
        // Was: --set went into the map first and every absent flag was put over it as null, so
        // --set bootstrap=... read as "no cluster given".
        assertThat(run("topics", "list", "--set", "bootstrap=localhost:1", "--timeout", "1", "--data-dir", dir.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("Kafka at localhost:1 did not answer within 1 s");
    }

    @Test
    void aBadSetValueIsRefusedAlthoughNoFlagOfThatSettingWasGiven() {
        assertThat(run("process", "--set", "processor.threads=abc", "--bootstrap", "localhost:1", "--no-sinks",
                "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo(
                "paypulse: Invalid value 'abc' for processor.threads (from --set): allowed: a whole number from 1 to 64.");
    }

    @Test
    void showConfigNamesEachValuesSourceAndHidesSecrets() throws Exception {
        Path props = dir.resolve("client.properties");
        Files.writeString(props, "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\\n"
                + "  username=\"u\" password=\"hunter2\";\nsecurity.protocol=SASL_SSL\n");
        assertThat(run("process", "--client-config", props.toString(), "--set", "processor.grace=10s", "--threads", "3",
                "--data-dir", dir.toString(), "--show-config")).isZero();
        assertThat(out.toString())
                .contains("processor.grace = 10s   (--set)\n")
                .contains("processor.threads = 3   (--threads)\n")
                .contains("processor.http-host = 127.0.0.1   (default)\n")
                .contains("client-config = " + props + "   (--client-config)\n")
                .contains("kafka.security.protocol = SASL_SSL   (client-config)\n")
                .contains("kafka.sasl.jaas.config = (hidden)   (client-config)\n")
                .doesNotContain("hunter2");
        assertThat(dir.resolve("streams")).doesNotExist();
    }

    @Test
    void aBadEventCountOnRunNamesTheSetting() {
        assertThat(run("run", "--events", "lots", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("paypulse: Invalid value 'lots' for generator.events (from --events): "
                + "allowed: a whole number from 0 to 9223372036854775807.");
    }
}
