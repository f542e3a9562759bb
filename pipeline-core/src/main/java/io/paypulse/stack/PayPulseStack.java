package io.paypulse.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Facts about the repository's own stack ({@code docker-compose.yml}, project {@code paypulse}):
 * where its brokers and web UIs listen on the host, and where to find the compose file.
 */
public final class PayPulseStack {

    public static final String PROJECT = "paypulse";
    /** The brokers' host listeners (kafka1..3). */
    public static final String BROKERS = "localhost:19092,localhost:29092,localhost:39092";
    public static final String KAFKA_UI_URL = "http://localhost:8090";
    public static final String AIRFLOW_URL = "http://localhost:8070";
    public static final String SCHEMA_REGISTRY_URL = "http://localhost:8081";
    /** Environment: the compose file to drive (default: docker-compose.yml here or in a parent folder). */
    public static final String COMPOSE_FILE_ENV = "PAYPULSE_COMPOSE_FILE";
    /** Environment: the compose project name (default paypulse). */
    public static final String PROJECT_ENV = "PAYPULSE_STACK_PROJECT";

    private PayPulseStack() {
    }

    /** Settings from the environment: compose file, project, DOCKER_HOST. */
    public static StackSettings settings(Map<String, String> env, Path workingDir) {
        String project = env.getOrDefault(PROJECT_ENV, PROJECT);
        return StackSettings.of(composeFile(env, workingDir), project.isBlank() ? PROJECT : project)
                .withEndpoint(DockerEndpoint.fromEnvironment(env));
    }

    /**
     * {@value #COMPOSE_FILE_ENV} if set, else the first {@code docker-compose.yml} in the working
     * directory or a parent (the app runs from the repository or its {@code app/} folder), else
     * {@code docker-compose.yml} in the working directory (which may not exist: startStack says so).
     */
    static Path composeFile(Map<String, String> env, Path workingDir) {
        String set = env.get(COMPOSE_FILE_ENV);
        if (set != null && !set.isBlank()) {
            return Path.of(set).toAbsolutePath();
        }
        for (Path d = workingDir.toAbsolutePath(); d != null; d = d.getParent()) {
            Path f = d.resolve("docker-compose.yml");
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        return workingDir.toAbsolutePath().resolve("docker-compose.yml");
    }
}
