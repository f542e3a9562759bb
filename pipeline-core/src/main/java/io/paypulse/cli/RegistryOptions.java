package io.paypulse.cli;

import io.paypulse.config.ConfigKeys;
import picocli.CommandLine.Option;

/** The Schema Registry flag of {@code generate}, {@code process} and {@code run}. */
final class RegistryOptions {

    @SettingFlag(ConfigKeys.SCHEMA_REGISTRY_URL)
    @Option(names = "--schema-registry", paramLabel = "URL",
            description = "Schema Registry base URL, e.g. http://localhost:8081: the generator registers the event schema "
                    + "and writes the wire format; the processor resolves schema ids. Default: none (plain JSON).")
    String url;
}
