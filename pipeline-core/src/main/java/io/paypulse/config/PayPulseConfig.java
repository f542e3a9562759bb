package io.paypulse.config;

import io.paypulse.files.FileModes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** {@code host:port[,host:port...]}; empty: the embedded broker. */
    public static final Setting<String> BOOTSTRAP = Setting.servers(ConfigKeys.BOOTSTRAP,
            "allowed: host:port pairs separated by commas, such as kafka1:9092,kafka2:9092, or empty for the"
                    + " embedded broker");
    /** Default: {@link ConfigLoader#defaultDataDir} of the environment. */
    public static final Setting<Path> DATA_DIR = directory(ConfigKeys.DATA_DIR);
    /** Default: {@code output} in the data directory. */
    public static final Setting<Path> OUTPUT_DIR = directory(ConfigKeys.OUTPUT_DIR);
    public static final Setting<Integer> BROKER_PORT = Setting.integer(ConfigKeys.BROKER_PORT, 9092, 0, 65535);
    public static final Setting<Integer> PARTITIONS = Setting.integer(ConfigKeys.PARTITIONS, 6, 1, 1000);
    public static final Setting<Integer> REPLICATION = Setting.integer(ConfigKeys.REPLICATION, 1, 1, 10);
    public static final Setting<String> SCHEMA_REGISTRY_URL = Setting.baseUrl(ConfigKeys.SCHEMA_REGISTRY_URL,
            "allowed: an http:// or https:// URL such as http://localhost:8081, or empty for no registry");
    public static final Setting<FileModes> FILE_MODE = Setting.parsed(ConfigKeys.FILE_MODE, FileModes.PRIVATE,
            FileModes::ofFileMode, FileModes::fileOctal, "allowed: an octal file mode that lets the owner read and"
                    + " write and grants no execute, e.g. 600 (default) or 640");

    /** Read from layered settings text ({@code env} for the default data dir); a bad value is one sentence. */
    static PayPulseConfig from(Map<String, String> s, Map<String, String> env) {
        // Read in this order so that, of several bad values, the same one is reported as before.
        Path dataDir = DATA_DIR.read(s, ConfigLoader.defaultDataDir(env));
        Path outputDir = OUTPUT_DIR.read(s, dataDir.resolve("output"));
        boolean portGiven = s.containsKey(ConfigKeys.BROKER_PORT) && !s.get(ConfigKeys.BROKER_PORT).isBlank();
        int port = BROKER_PORT.read(s);
        GeneratorSettings generator = GeneratorSettings.from(s);
        ProcessorSettings processor = ProcessorSettings.from(s);
        Map<String, String> kafka = KafkaClientSettings.from(s);
        // Without a setting, a client config file's own bootstrap.servers counts, as it does for Kafka's tools.
        String bootstrap = s.containsKey(ConfigKeys.BOOTSTRAP) ? BOOTSTRAP.read(s)
                : BOOTSTRAP.value(kafka.get("bootstrap.servers"));
        return new PayPulseConfig(bootstrap, dataDir, outputDir, port, portGiven, PARTITIONS.read(s),
                REPLICATION.read(s).shortValue(), generator, processor, kafka, SCHEMA_REGISTRY_URL.read(s),
                FILE_MODE.read(s));
    }

    private static Setting<Path> directory(String key) {
        return Setting.path(key, p -> !Files.exists(p) || Files.isDirectory(p),
                "allowed: a directory (created when missing), not a file");
    }

    /**
     * Every line of {@code --show-config}, in order: this record's, then the generator's and the
     * processor's. {@code clientConfig} is the client properties file as given (null: none).
     */
    public static List<Shown<PayPulseConfig>> shown(String clientConfig) {
        List<Shown<PayPulseConfig>> lines = new ArrayList<>(List.of(
                Shown.of(BOOTSTRAP, PayPulseConfig::bootstrapServers),
                Shown.of(DATA_DIR, PayPulseConfig::dataDir),
                Shown.of(OUTPUT_DIR, PayPulseConfig::outputDir),
                Shown.of(BROKER_PORT, PayPulseConfig::brokerPort),
                Shown.of(PARTITIONS, PayPulseConfig::partitions),
                Shown.of(REPLICATION, c -> (int) c.replication())));
        lines.addAll(Shown.within(GeneratorSettings.shown(), PayPulseConfig::generator));
        lines.addAll(Shown.within(ProcessorSettings.shown(), PayPulseConfig::processor));
        List<Shown<PayPulseConfig>> cluster = List.of(
                Shown.of(SCHEMA_REGISTRY_URL, PayPulseConfig::schemaRegistryUrl),
                new Shown<>(ConfigKeys.CLIENT_CONFIG, c -> clientConfig == null ? "" : Path.of(clientConfig.trim()).toString()),
                Shown.of(FILE_MODE, PayPulseConfig::fileModes));
        // These came after processor.http-host when the list was written by hand; kept there so that
        // --show-config and the "known:" list read as they always have. New settings go at their record's end.
        return Shown.placeAfter(lines, ConfigKeys.HTTP_HOST, cluster);
    }

    public PayPulseConfig {
        kafka = Map.copyOf(kafka);
        schemaRegistryUrl = schemaRegistryUrl == null ? "" : schemaRegistryUrl;
        fileModes = fileModes == null ? FileModes.PRIVATE : fileModes;
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
                PARTITIONS.defaultValue(), REPLICATION.defaultValue().shortValue(), GeneratorSettings.defaults(),
                ProcessorSettings.defaults(), Map.of(), SCHEMA_REGISTRY_URL.defaultValue(), FILE_MODE.defaultValue());
    }
}
