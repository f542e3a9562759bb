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

    void putInto(Map<String, String> flags) {
        flags.put(ConfigKeys.RULES, rules);
        flags.put(ConfigKeys.OUTPUT_DIR, outputDir);
    }
}
