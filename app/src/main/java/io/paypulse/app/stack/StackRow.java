package io.paypulse.app.stack;

import io.paypulse.stack.ContainerStatus;
import io.paypulse.stack.Health;
import java.time.Duration;
import java.time.Instant;

/** One row of the Stack table: a container as last inspected, with its uptime at render time. */
public record StackRow(ContainerStatus container, String uptime) {

    static StackRow of(ContainerStatus c, Instant now) {
        return new StackRow(c, c.running() ? format(c.uptime(now)) : "");
    }

    public String id() {
        return container.id();
    }

    public String service() {
        return container.service();
    }

    public String image() {
        return container.image();
    }

    public boolean running() {
        return container.running();
    }

    public Health health() {
        return container.health();
    }

    /** "running", "exited (137)", "restarting", ... */
    public String state() {
        return "exited".equals(container.state()) ? "exited (" + container.exitCode() + ")" : container.state();
    }

    public String ports() {
        return String.join(", ", container.ports());
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min";
        }
        if (s < 86_400) {
            return (s / 3600) + " h " + (s % 3600 / 60) + " min";
        }
        return (s / 86_400) + " d " + (s % 86_400 / 3600) + " h";
    }
}
