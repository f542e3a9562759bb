package io.paypulse.cli;

import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine;

/** Version from the jar manifest (set by the build), Kafka's from its own jar. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String own = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "PayPulse " + (own == null ? "development build" : own),
            "Apache Kafka " + AppInfoParser.getVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
