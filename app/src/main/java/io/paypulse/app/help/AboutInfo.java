package io.paypulse.app.help;

import io.paypulse.app.startup.AppDirs;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * What Help ▸ About shows: versions of PayPulse, Java, JavaFX and Kafka, and where things are.
 *
 * @param appVersion from the app jar's manifest; null when run from classes (development build)
 */
public record AboutInfo(String appVersion, String javaVersion, String javaVendor, String javaFxVersion,
                        String kafkaVersion, AppDirs dirs) {

    /** Versions of the running JVM and libraries. Call after the JavaFX toolkit started. */
    public static AboutInfo current(AppDirs dirs) {
        return new AboutInfo(AboutInfo.class.getPackage().getImplementationVersion(),
                System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("javafx.runtime.version", System.getProperty("javafx.version")),
                AppInfoParser.getVersion(), dirs);
    }

    public String title() {
        return "PayPulse " + (appVersion == null ? "(development build)" : appVersion);
    }

    /** One "name: value" line each, in the order shown. */
    public List<String> lines() {
        List<String> l = new ArrayList<>();
        l.add("Version: " + (appVersion == null ? "development build" : appVersion));
        l.add("Java: " + javaVersion + " (" + javaVendor + ")");
        l.add("JavaFX: " + (javaFxVersion == null ? "unknown" : javaFxVersion));
        l.add("Apache Kafka: " + kafkaVersion);
        l.add("Data folder: " + dirs.dataDir());
        l.add("CSV files: " + dirs.outputDir());
        l.add("Log file: " + dirs.logFile());
        l.add("Config file: " + dirs.configFile());
        l.add("Alert rules copy: " + dirs.rulesCopy());
        l.add("App settings: " + dirs.settingsFile());
        return l;
    }

    public String text() {
        return String.join("\n", lines());
    }
}
