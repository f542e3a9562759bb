package io.paypulse.app.session;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Where the pipeline the app watches runs. */
public enum ConnectionMode {
    /** Broker, processor and generator inside the app. */
    EMBEDDED("Embedded"),
    /** The compose stack (docker-compose.yml): started through Docker, then watched on its brokers. */
    DOCKER("Docker stack"),
    /** An existing cluster: the app only watches its topics. */
    CUSTOM("Custom cluster");

    private final String label;

    ConnectionMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The mode of that name, or {@link #EMBEDDED} for an unknown one (an older or newer settings file). */
    @JsonCreator
    public static ConnectionMode parse(String name) {
        for (ConnectionMode m : values()) {
            if (m.name().equalsIgnoreCase(name)) {
                return m;
            }
        }
        return EMBEDDED;
    }
}
