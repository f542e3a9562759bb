package io.paypulse.stack;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what Docker, docker-java and the compose CLI report into one plain sentence. The patterns
 * are the ones observed on Engine 20.10 with docker-java 3.7 (httpclient5) and docker-compose 1.29:
 * a missing socket is a {@code SocketException: No such file or directory}, a socket without
 * permission a {@code BindException: Permission denied}, a stopped engine behind an existing
 * socket {@code ConnectException: Connection refused}; compose v1 reports the same through
 * Python's {@code FileNotFoundError}/{@code PermissionError}, and a failed pull as
 * {@code Pulling svc (image)...} followed by the registry error.
 */
public final class StackErrors {

    public static String noEngine(DockerEndpoint endpoint) {
        return "Docker is not running at " + endpoint + ": start the Docker engine (dockerd) and try again.";
    }

    public static String permissionDenied(DockerEndpoint endpoint) {
        return "You may not use the Docker engine at " + endpoint
                + ": add your user to the docker group (sudo usermod -aG docker $USER), log in again and retry.";
    }

    public static final String COMPOSE_MISSING =
            "Docker Compose is not installed: install docker compose (v2) or docker-compose (v1) and try again.";

    public static String imageNotPullable(String image) {
        return "The image " + image + " cannot be pulled: build it locally or set its *_IMAGE variable"
                + " (e.g. KAFKA_IMAGE) to an image you have.";
    }

    public static String notOurs(String container, String project) {
        return "Container " + container + " is not part of the Docker stack '" + project
                + "': PayPulse only starts, stops and restarts its own containers.";
    }

    public static String noSuchContainer(String container) {
        return "Container " + container + " no longer exists: press Start stack to create it again.";
    }

    private static final Pattern PULLING = Pattern.compile("Pulling \\S+ \\(([^)\\s]+)\\)\\.\\.\\.");
    private static final Pattern[] PULL_FAILED = {
        Pattern.compile("pull access denied for ([^,\\s]+)"),
        Pattern.compile("failed to resolve reference \"([^\"]+)\""),
        Pattern.compile("manifest for (\\S+) not found"),
        Pattern.compile("No such image: (\\S+)"),
    };
    private static final Pattern UNHEALTHY = Pattern.compile("[Cc]ontainer \"?([\\w.-]+)\"? is unhealthy");

    private StackErrors() {
    }

    /** A docker-java failure (thrown directly or sneakily: docker-java rethrows IOExceptions unchecked). */
    public static StackException fromDocker(Throwable e, DockerEndpoint endpoint) {
        if (e instanceof StackException s) {
            return s;
        }
        // The engine answered (an HTTP status): it runs, whatever its message says about files.
        boolean answered = e instanceof DockerException;
        for (Throwable t = answered ? null : e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("permission denied")) {
                return new StackException(permissionDenied(endpoint), e);
            }
            if (t instanceof SocketException || t instanceof UnknownHostException
                    || t instanceof ClosedChannelException
                    || m.contains("no such file or directory") || m.contains("connection refused")
                    || m.contains("connect timed out")) {
                return new StackException(noEngine(endpoint), e);
            }
            if (t == t.getCause()) {
                break;
            }
        }
        if (e instanceof NotFoundException) {
            return new StackException("Docker could not find what was asked for: " + firstLine(e.getMessage()), e);
        }
        if (e instanceof DockerException) {
            return new StackException("Docker refused the request (" + firstLine(e.getMessage())
                    + "); see the log for details.", e);
        }
        return new StackException("Talking to Docker at " + endpoint + " failed (" + e.getClass().getSimpleName()
                + "); see the log for details.", e);
    }

    /**
     * A compose CLI run that exited non-zero. {@code what} names the step for the generic case
     * ("start the stack").
     */
    public static StackException fromCompose(String output, int exitCode, String what, DockerEndpoint endpoint) {
        String out = output == null ? "" : output;
        String lower = out.toLowerCase(Locale.ROOT);
        if (lower.contains("permissionerror") || lower.contains("permission denied") && lower.contains("docker.sock")) {
            return new StackException(permissionDenied(endpoint));
        }
        if (lower.contains("error while fetching server api version") || lower.contains("cannot connect to the docker daemon")
                || lower.contains("is the docker daemon running") || lower.contains("couldn't connect to docker daemon")) {
            return new StackException(noEngine(endpoint));
        }
        String image = failedImage(out);
        if (image != null) {
            return new StackException(imageNotPullable(image));
        }
        Matcher u = UNHEALTHY.matcher(out);
        if (u.find()) {
            return new StackException("Container " + u.group(1)
                    + " became unhealthy while the stack was starting: look at its logs in the Stack tab.");
        }
        String last = lastMeaningfulLine(out);
        return new StackException("Could not " + what + " (compose exited with " + exitCode + ")"
                + (last.isEmpty() ? "" : ": " + last) + (last.endsWith(".") ? "" : "."));
    }

    /** The image a failed pull was about, or null if the output shows no failed pull. */
    static String failedImage(String out) {
        for (Pattern p : PULL_FAILED) {
            Matcher m = p.matcher(out);
            if (m.find()) {
                return m.group(1);
            }
        }
        // compose v1: "Pulling svc (image)..." then the registry's error and exit 1.
        Matcher m = PULLING.matcher(out);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last != null) {
            String after = out.substring(out.lastIndexOf("Pulling ")).toLowerCase(Locale.ROOT);
            if (after.contains("no such host") || after.contains("not found") || after.contains("denied")
                    || after.contains("error") || after.contains("dial tcp") || after.contains("timeout")) {
                return last;
            }
        }
        return null;
    }

    private static String lastMeaningfulLine(String out) {
        String[] lines = out.strip().split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (!l.isEmpty()) {
                return l.length() > 200 ? l.substring(0, 200) + "…" : l;
            }
        }
        return "";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String l = s.strip().split("\\R", 2)[0];
        return l.length() > 200 ? l.substring(0, 200) + "…" : l;
    }
}
