package io.paypulse.stack;

import java.util.Locale;

/** A container's healthcheck result; {@link #NONE} when its image and service define no healthcheck. */
public enum Health {
    STARTING, HEALTHY, UNHEALTHY, NONE;

    /** Docker's word ("starting", "healthy", "unhealthy"; null or anything else: NONE). */
    public static Health parse(String docker) {
        if (docker == null) {
            return NONE;
        }
        return switch (docker.trim().toLowerCase(Locale.ROOT)) {
            case "starting" -> STARTING;
            case "healthy" -> HEALTHY;
            case "unhealthy" -> UNHEALTHY;
            default -> NONE;
        };
    }

    public String label() {
        return this == NONE ? "" : name().toLowerCase(Locale.ROOT);
    }
}
