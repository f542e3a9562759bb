package io.paypulse.cli;

import io.paypulse.config.ConfigKeys;
import java.util.Map;
import picocli.CommandLine.Option;

/** Processor flags shared by {@code run} and {@code process}. */
final class ProcessorOptions {

    @Option(names = "--rules", paramLabel = "FILE", description = "Alert rules (YAML). Default: the shipped rules.")
    String rules;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Where CSV files go. Default: <data-dir>/output.")
    String outputDir;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Serve GET /health and /metrics (Prometheus) on this port on all interfaces. Default 0: off.")
    String httpPort;

    void putInto(Map<String, String> flags) {
        flags.put(ConfigKeys.HTTP_PORT, httpPort);
        flags.put(ConfigKeys.RULES, rules);
        flags.put(ConfigKeys.OUTPUT_DIR, outputDir);
    }
}
