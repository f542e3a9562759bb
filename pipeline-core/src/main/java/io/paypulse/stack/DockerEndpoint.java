package io.paypulse.stack;

import java.util.Map;

/**
 * Where the Docker engine listens: {@code DOCKER_HOST} if set, else the default unix socket.
 *
 * @param uri e.g. {@code unix:///var/run/docker.sock} or {@code tcp://127.0.0.1:2375}
 */
public record DockerEndpoint(String uri) {

    public static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";

    public DockerEndpoint {
        if (uri == null || uri.isBlank()) {
            uri = DEFAULT_SOCKET;
        }
        uri = uri.trim();
    }

    public static DockerEndpoint fromEnvironment(Map<String, String> env) {
        return new DockerEndpoint(env.get("DOCKER_HOST"));
    }

    public static DockerEndpoint fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    @Override
    public String toString() {
        return uri;
    }
}
