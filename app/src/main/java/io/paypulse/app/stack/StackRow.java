package io.paypulse.app.stack;

import io.paypulse.stack.ContainerStatus;
import io.paypulse.stack.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of the Stack table: a container as last inspected, with its uptime at render time and the
 * number of containers of its service (more than one when the service is scaled out, e.g.
 * {@code --scale processor=3}).
 */
public record StackRow(ContainerStatus container, String uptime, int replicas) {

    /** Compose names containers {@code <project>_<service>_<n>} (v1) or {@code <project>-<service>-<n>} (v2). */
    private static final Pattern REPLICA_SUFFIX = Pattern.compile("[-_](\\d+)$");

    static StackRow of(ContainerStatus c, Instant now, int replicas) {
        return new StackRow(c, c.running() ? format(c.uptime(now)) : "", replicas);
    }

    /** The compose replica number from the container's name, 1-based; 0 for a name without one. */
    public int replica() {
        return replicaOf(container);
    }

    static int replicaOf(ContainerStatus c) {
        Matcher m = REPLICA_SUFFIX.matcher(c.name());
        if (!m.find() || !c.name().substring(0, m.start()).endsWith(c.service())) {
            return 0;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException tooLong) {
            return 0;
        }
    }

    /** The service, with the replica number when the service runs more than one container: "processor-2". */
    public String label() {
        return label(container, replicas);
    }

    static String label(ContainerStatus c, int replicas) {
        int n = replicaOf(c);
        return replicas > 1 && n > 0 ? c.service() + "-" + n : c.service();
    }

    /** "2 of 3" for a scaled service, empty for a service with one container. */
    public String replicaText() {
        int n = replica();
        return replicas > 1 && n > 0 ? n + " of " + replicas : "";
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
