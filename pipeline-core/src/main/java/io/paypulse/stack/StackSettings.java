package io.paypulse.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which stack to drive and how.
 *
 * @param composeFile    the compose file ({@code docker-compose.yml})
 * @param project        the compose project name; only containers with this label are touched
 * @param endpoint       the Docker engine; also passed to the compose CLI as DOCKER_HOST
 * @param composeCommand the compose CLI, e.g. {@code [docker, compose]}; empty: detect v2, else v1
 * @param healthTimeout  how long {@code startStack} waits for every container to be healthy
 * @param env            extra environment for the compose CLI (e.g. {@code KAFKA_IMAGE})
 */
public record StackSettings(Path composeFile, String project, DockerEndpoint endpoint, List<String> composeCommand,
                            Duration healthTimeout, Map<String, String> env) {

    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofMinutes(3);

    public StackSettings {
        Objects.requireNonNull(composeFile, "composeFile");
        if (project == null || !project.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("A compose project name is lower-case letters, digits, - and _: " + project);
        }
        endpoint = endpoint == null ? DockerEndpoint.fromEnvironment() : endpoint;
        composeCommand = composeCommand == null ? List.of() : List.copyOf(composeCommand);
        healthTimeout = healthTimeout == null ? DEFAULT_HEALTH_TIMEOUT : healthTimeout;
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** The compose file and project, the engine from DOCKER_HOST, compose detected, default timeout. */
    public static StackSettings of(Path composeFile, String project) {
        return new StackSettings(composeFile, project, null, null, null, null);
    }

    public StackSettings withEndpoint(DockerEndpoint e) {
        return new StackSettings(composeFile, project, e, composeCommand, healthTimeout, env);
    }

    public StackSettings withComposeCommand(List<String> command) {
        return new StackSettings(composeFile, project, endpoint, command, healthTimeout, env);
    }

    public StackSettings withHealthTimeout(Duration timeout) {
        return new StackSettings(composeFile, project, endpoint, composeCommand, timeout, env);
    }

    public StackSettings withEnv(Map<String, String> extra) {
        return new StackSettings(composeFile, project, endpoint, composeCommand, healthTimeout, extra);
    }
}
