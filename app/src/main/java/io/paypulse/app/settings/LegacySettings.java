package io.paypulse.app.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.paypulse.app.connection.ConnectionProfile;
import io.paypulse.app.session.ConnectionMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings written before connection profiles held one connection: {@code mode},
 * {@code bootstrapServers} and {@code clientProperties} (plain text, secrets included). They
 * become the profiles Embedded, Docker stack and "Custom cluster" (the old servers); the old mode
 * picks the active one. Old client properties move to an owner-only file beside app.json that the
 * Custom cluster profile refers to, so no secret stays in app.json.
 */
final class LegacySettings {

    private static final Logger LOG = LoggerFactory.getLogger(LegacySettings.class);
    static final String MOVED_PROPERTIES = "custom-cluster.properties";

    private LegacySettings() {
    }

    static boolean isLegacy(JsonNode tree) {
        return tree.isObject() && !tree.has("profiles")
                && (tree.has("mode") || tree.has("bootstrapServers") || tree.has("clientProperties"));
    }

    static AppSettings migrate(JsonNode tree, AppSettings read, Path settingsFile) {
        ConnectionMode mode = ConnectionMode.parse(tree.path("mode").asText(""));
        String servers = tree.path("bootstrapServers").asText("");
        String props = tree.path("clientProperties").asText("");
        String clientFile = "";
        String inline = "";
        if (!props.isBlank()) {
            Path moved = freeName(settingsFile.toAbsolutePath().resolveSibling(MOVED_PROPERTIES));
            try {
                PrivateFiles.write(moved, "# Kafka client properties of the profile 'Custom cluster', moved out of "
                        + "app.json by PayPulse.\n" + props + (props.endsWith("\n") ? "" : "\n"),
                        SettingsStore.ownFolder(settingsFile));
                clientFile = moved.toString();
            } catch (IOException e) {
                LOG.warn("Could not move the client properties out of {}: {}; they stay inline", settingsFile,
                        e.toString());
                inline = props;
            }
        }
        ConnectionProfile custom = new ConnectionProfile(ConnectionMode.CUSTOM.label(), ConnectionMode.CUSTOM,
                servers.isBlank() ? ConnectionProfile.DEFAULT_SERVERS : servers, clientFile, inline);
        List<ConnectionProfile> profiles = List.of(ConnectionProfile.of(ConnectionMode.EMBEDDED),
                ConnectionProfile.of(ConnectionMode.DOCKER), custom);
        return read.withProfiles(profiles, mode.label());
    }

    /** {@code custom-cluster.properties}, else {@code custom-cluster-2.properties}, … : never overwrite a user's file. */
    private static Path freeName(Path wanted) {
        Path p = wanted;
        String base = wanted.getFileName().toString().replace(".properties", "");
        for (int n = 2; Files.exists(p); n++) {
            p = wanted.resolveSibling(base + "-" + n + ".properties");
        }
        return p;
    }
}
