package io.paypulse.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One container of the stack as Docker last reported it.
 *
 * @param id        full container id
 * @param name      container name without the leading slash ({@code paypulse_kafka1_1})
 * @param service   the compose service ({@code kafka1})
 * @param image     the image reference the container was created from
 * @param state     Docker's state word: created, running, restarting, paused, exited, dead
 * @param exitCode  the last exit code (meaningful when exited)
 * @param health    healthcheck result, NONE without a healthcheck
 * @param ports     published ports, e.g. {@code 127.0.0.1:19092->19092/tcp}
 * @param startedAt when the container last started, null if it never ran
 */
public record ContainerStatus(String id, String name, String service, String image, String state, long exitCode,
                              Health health, List<String> ports, Instant startedAt) {

    public ContainerStatus {
        ports = List.copyOf(ports);
    }

    public boolean running() {
        return "running".equals(state);
    }

    public boolean hasHealthcheck() {
        return health != Health.NONE;
    }

    /** Running and, if it has a healthcheck, healthy. */
    public boolean ready() {
        return running() && (health == Health.NONE || health == Health.HEALTHY);
    }

    /** Time since start while running; zero otherwise. */
    public Duration uptime(Instant now) {
        if (!running() || startedAt == null || now.isBefore(startedAt)) {
            return Duration.ZERO;
        }
        return Duration.between(startedAt, now);
    }

    /** The short id Docker shows (12 characters). */
    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
