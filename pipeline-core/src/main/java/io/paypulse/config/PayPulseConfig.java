package io.paypulse.config;

import io.paypulse.files.FileModes;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one immutable configuration of a PayPulse process, resolved from
 * defaults &lt; config file &lt; PAYPULSE_* environment &lt; command-line flags (see {@link ConfigLoader}).
 *
 * @param bootstrapServers Kafka bootstrap servers; empty means "start the embedded broker"
 * @param dataDir          where the embedded broker, Streams state and outputs live
 * @param outputDir        where the CSV files go
 * @param brokerPort       port of the embedded broker
 * @param brokerPortExplicit whether the user chose the port (then a taken port is an error, not a fallback)
 * @param partitions       partitions of the raw and parsed topics
 * @param replication      replication factor of pipeline topics
 * @param kafka            extra Kafka client properties ({@code kafka.*} keys without the prefix)
 * @param schemaRegistryUrl base URL of a Schema Registry (no trailing slash); empty means none: raw
 *                         events are plain JSON
 * @param fileModes        modes of the files and folders PayPulse creates (default owner only: 0600/0700)
 */
public record PayPulseConfig(
        String bootstrapServers,
        Path dataDir,
        Path outputDir,
        int brokerPort,
        boolean brokerPortExplicit,
        int partitions,
        short replication,
        GeneratorSettings generator,
        ProcessorSettings processor,
        Map<String, String> kafka,
        String schemaRegistryUrl,
        FileModes fileModes) {

    public static final Setting<Integer> BROKER_PORT = Setting.integer(ConfigKeys.BROKER_PORT, 9092, 0, 65535);
    public static final Setting<Integer> PARTITIONS = Setting.integer(ConfigKeys.PARTITIONS, 6, 1, 1000);
    public static final Setting<Integer> REPLICATION = Setting.integer(ConfigKeys.REPLICATION, 1, 1, 10);

    public PayPulseConfig {
        kafka = Map.copyOf(kafka);
        schemaRegistryUrl = schemaRegistryUrl == null ? "" : schemaRegistryUrl;
        fileModes = fileModes == null ? FileModes.PRIVATE : fileModes;
    }

    /** With the default, private file modes. */
    public PayPulseConfig(String bootstrapServers, Path dataDir, Path outputDir, int brokerPort, boolean brokerPortExplicit,
            int partitions, short replication, GeneratorSettings generator, ProcessorSettings processor,
            Map<String, String> kafka, String schemaRegistryUrl) {
        this(bootstrapServers, dataDir, outputDir, brokerPort, brokerPortExplicit, partitions, replication, generator,
                processor, kafka, schemaRegistryUrl, FileModes.PRIVATE);
    }

    public boolean hasSchemaRegistry() {
        return !schemaRegistryUrl.isBlank();
    }

    public PayPulseConfig withSchemaRegistryUrl(String url) {
        return with(b -> b.schemaRegistryUrl = url);
    }

    public boolean embedded() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }

    public PayPulseConfig withBootstrapServers(String servers) {
        return with(b -> b.bootstrapServers = servers);
    }

    public PayPulseConfig withGenerator(GeneratorSettings settings) {
        return with(b -> b.generator = settings);
    }

    public PayPulseConfig withProcessor(ProcessorSettings settings) {
        return with(b -> b.processor = settings);
    }

    /** A copy with {@code change} applied: the one place a copy lists every component. */
    public PayPulseConfig with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** The components of a copy in the making (see {@link #with}). */
    public static final class Builder {
        public String bootstrapServers;
        public Path dataDir;
        public Path outputDir;
        public int brokerPort;
        public boolean brokerPortExplicit;
        public int partitions;
        public short replication;
        public GeneratorSettings generator;
        public ProcessorSettings processor;
        public Map<String, String> kafka;
        public String schemaRegistryUrl;
        public FileModes fileModes;

        private Builder(PayPulseConfig c) {
            bootstrapServers = c.bootstrapServers;
            dataDir = c.dataDir;
            outputDir = c.outputDir;
            brokerPort = c.brokerPort;
            brokerPortExplicit = c.brokerPortExplicit;
            partitions = c.partitions;
            replication = c.replication;
            generator = c.generator;
            processor = c.processor;
            kafka = c.kafka;
            schemaRegistryUrl = c.schemaRegistryUrl;
            fileModes = c.fileModes;
        }

        private PayPulseConfig build() {
            return new PayPulseConfig(bootstrapServers, dataDir, outputDir, brokerPort, brokerPortExplicit, partitions,
                    replication, generator, processor, kafka, schemaRegistryUrl, fileModes);
        }
    }

    /** Configuration for tests and tools: everything default under {@code dataDir}, given cluster. */
    public static PayPulseConfig forCluster(String bootstrapServers, Path dataDir) {
        return new PayPulseConfig(bootstrapServers, dataDir, dataDir.resolve("output"), BROKER_PORT.defaultValue(), false,
                PARTITIONS.defaultValue(), REPLICATION.defaultValue().shortValue(),
                GeneratorSettings.defaults(), ProcessorSettings.defaults(), Map.of(), "");
    }
}
