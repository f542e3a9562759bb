package io.paypulse.config;

import io.paypulse.files.FileModes;
import java.nio.file.Path;
import java.util.Map;

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
        return new PayPulseConfig(bootstrapServers, dataDir, outputDir, brokerPort, brokerPortExplicit, partitions,
                replication, generator, processor, kafka, url, fileModes);
    }

    public boolean embedded() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }

    public PayPulseConfig withBootstrapServers(String servers) {
        return new PayPulseConfig(servers, dataDir, outputDir, brokerPort, brokerPortExplicit, partitions,
                replication, generator, processor, kafka, schemaRegistryUrl, fileModes);
    }

    public PayPulseConfig withGenerator(GeneratorSettings settings) {
        return new PayPulseConfig(bootstrapServers, dataDir, outputDir, brokerPort, brokerPortExplicit, partitions,
                replication, settings, processor, kafka, schemaRegistryUrl, fileModes);
    }

    public PayPulseConfig withProcessor(ProcessorSettings settings) {
        return new PayPulseConfig(bootstrapServers, dataDir, outputDir, brokerPort, brokerPortExplicit, partitions,
                replication, generator, settings, kafka, schemaRegistryUrl, fileModes);
    }

    /** Configuration for tests and tools: everything default under {@code dataDir}, given cluster. */
    public static PayPulseConfig forCluster(String bootstrapServers, Path dataDir) {
        return new PayPulseConfig(bootstrapServers, dataDir, dataDir.resolve("output"), 9092, false, 6, (short) 1,
                GeneratorSettings.defaults(), ProcessorSettings.defaults(), Map.of(), "");
    }
}
