package io.paypulse.app.connection;

import io.paypulse.app.session.ConnectionMode;
import java.util.List;

/**
 * A saved way to connect: the user switches between several (clusters, the embedded pipeline, the
 * Docker stack). Secrets belong in {@code clientConfigFile} (a standard Kafka client properties
 * file the app only refers to and reads at connect time) or behind Kafka config providers; the
 * inline properties are saved in the app's settings and are meant for non-secret settings.
 *
 * @param name             shown in the profile list; unique
 * @param mode             where the pipeline runs
 * @param bootstrapServers servers of a Custom cluster
 * @param clientConfigFile absolute path of a client properties file, or empty
 * @param inlineProperties extra {@code key=value} lines (Properties format), applied over the file
 */
public record ConnectionProfile(String name, ConnectionMode mode, String bootstrapServers, String clientConfigFile,
                                String inlineProperties) {

    public static final String DEFAULT_SERVERS = "localhost:9092";

    public ConnectionProfile {
        name = name == null ? "" : name.strip();
        mode = mode == null ? ConnectionMode.EMBEDDED : mode;
        bootstrapServers = bootstrapServers == null ? "" : bootstrapServers;
        clientConfigFile = clientConfigFile == null ? "" : clientConfigFile;
        inlineProperties = inlineProperties == null ? "" : inlineProperties;
    }

    /** The profiles of a first start: one per mode, named as the mode. */
    public static List<ConnectionProfile> defaults() {
        return List.of(of(ConnectionMode.EMBEDDED), of(ConnectionMode.DOCKER), of(ConnectionMode.CUSTOM));
    }

    /** A profile named after its mode, with the default servers. */
    public static ConnectionProfile of(ConnectionMode mode) {
        return new ConnectionProfile(mode.label(), mode, DEFAULT_SERVERS, "", "");
    }

    public ConnectionProfile withName(String newName) {
        return new ConnectionProfile(newName, mode, bootstrapServers, clientConfigFile, inlineProperties);
    }
}
