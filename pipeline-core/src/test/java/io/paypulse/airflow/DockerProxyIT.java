package io.paypulse.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Airflow's Docker access on a real engine: the docker-proxy (haproxy with
 * {@code airflow/docker-proxy/haproxy.cfg}, locally built image {@code paypulse/haproxy-local:2.6},
 * run with the same user, capabilities and read-only file system as in docker-compose.yml) in front
 * of the engine socket, with stand-in containers named like the compose services; then the DAG's task
 * functions ({@code airflow/tests/run_task.py}, Airflow itself replaced by stand-ins for its
 * scaffolding) against it. Not covered: Airflow, its scheduler, the real pipeline containers.
 *
 * <p>Run: {@code mvn -B -pl pipeline-core verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DockerProxyIT}.
 * Needs Docker and the images of {@code bash packaging/local-images/build.sh};
 * {@code -Dpaypulse.docker.tests=false} skips it.
 */
class DockerProxyIT {

    private static final String PROJECT = "paypulse-proxyit";
    private static final String PROXY = PROJECT + "-docker-proxy-1";
    private static final String BASE = "paypulse/jre-base:17";
    private static final String HAPROXY = "paypulse/haproxy-local:2.6";
    // generator with compose v1 naming, the others v2: the DAG must find both.
    private static final String GENERATOR = PROJECT + "_generator_1";
    private static final String PROCESSOR = PROJECT + "-processor-1";
    /** A second replica (--scale processor=2), created only by the test that needs it. */
    private static final String PROCESSOR_2 = PROJECT + "-processor-2";
    private static final String TOPICS = PROJECT + "-topics-1";
    private static final String OUTSIDER = PROJECT + "-postgres-1";
    private static final List<String> ALL = List.of(PROXY, GENERATOR, GENERATOR + "-away", PROCESSOR, PROCESSOR_2, TOPICS,
            OUTSIDER);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String api;

    @BeforeAll
    static void startProxyAndStandIns() {
        assumeFalse("false".equals(System.getProperty("paypulse.docker.tests")),
                "Docker tests switched off with -Dpaypulse.docker.tests=false");
        if (docker("version").code() != 0) {
            fail("Docker is not available: start it with `bash packaging/docker/ensure-engine.sh` (as root), "
                    + "or skip with -Dpaypulse.docker.tests=false.");
        }
        for (String image : List.of(BASE, HAPROXY)) {
            if (docker("image", "inspect", image).code() != 0) {
                fail(image + " is missing: build it with `bash packaging/local-images/build.sh`.");
            }
        }
        removeAll();
        ok(docker("create", "--init", "--name", GENERATOR, BASE, "sleep", "600"));
        ok(docker("create", "--init", "--name", PROCESSOR, BASE, "sleep", "600"));
        ok(docker("create", "--name", TOPICS, BASE, "bash", "-c",
                "sleep 1; echo 'created payment (6 partitions, RF 3)'; echo 'exists payment-dlq (1 partitions, RF 3)' >&2"));
        ok(docker("run", "-d", "--init", "--name", OUTSIDER, BASE, "sleep", "600"));
        ok(docker("run", "-d", "--name", PROXY, "--user", "0:0", "--read-only", "--cap-drop", "ALL",
                "--security-opt", "no-new-privileges:true", "-e", "PAYPULSE_COMPOSE_PROJECT=" + PROJECT,
                "-v", "/var/run/docker.sock:/var/run/docker.sock",
                "-v", Python.ROOT.resolve("airflow/docker-proxy/haproxy.cfg") + ":/usr/local/etc/haproxy/haproxy.cfg:ro",
                "-p", "127.0.0.1::2375", HAPROXY, "haproxy", "-db", "-f", "/usr/local/etc/haproxy/haproxy.cfg"));
        String port = ok(docker("port", PROXY, "2375")).output().lines().findFirst().orElseThrow().replaceAll(".*:", "");
        api = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (status("GET", "/_ping") != 200) {
            if (System.nanoTime() > deadline) {
                fail("the proxy did not answer within 20 s: " + docker("logs", PROXY).output());
            }
            sleep(200);
        }
    }

    @AfterAll
    static void removeAll() {
        List<String> command = new ArrayList<>(List.of("rm", "-f"));
        command.addAll(ALL);
        docker(command.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /_ping                                           | 200
            GET    | /containers/paypulse-proxyit-processor-1/json    | 200
            GET    | /v1.41/containers/paypulse-proxyit_generator_1/json | 200
            GET    | /containers/json                                 | 403
            POST   | /containers/create                               | 403
            GET    | /containers/paypulse-proxyit-postgres-1/json     | 403
            POST   | /containers/paypulse-proxyit-postgres-1/start    | 403
            POST   | /containers/paypulse-proxyit-processor-1/exec    | 403
            POST   | /containers/paypulse-proxyit-processor-1/stop    | 403
            DELETE | /containers/paypulse-proxyit-processor-1         | 403
            GET    | /containers/paypulse-proxyit-processor-1/archive | 403
            GET    | /containers/paypulse-proxyit-processor-1/../../info | 403
            GET    | /images/json                                     | 403
            POST   | /images/create                                   | 403
            GET    | /volumes                                         | 403
            GET    | /info                                            | 403
            """)
    void proxyAllowsOnlyWhatTheDagNeeds(String method, String path, int expected) {
        assertThat(status(method, path)).isEqualTo(expected);
    }

    @Test
    void ensureTopicsRunsTheOneShotContainerAndReportsOnlyThisRunsOutput() {
        assertThat(task("ensure_topics", Map.of()).output()).endsWith("RESULT 1 created, 1 existed");
        assertThat(task("ensure_topics", Map.of()).output()).endsWith("RESULT 1 created, 1 existed");
    }

    @Test
    void ensureGeneratorStartsAStoppedGeneratorAndLeavesARunningOneAlone() {
        docker("stop", "-t", "0", GENERATOR);
        assertThat(task("ensure_generator", Map.of()).output()).contains("RESULT started (was ");
        assertThat(running(GENERATOR)).isTrue();
        assertThat(task("ensure_generator", Map.of()).output()).endsWith("RESULT running");
    }

    @Test
    void checkProcessorStartsAStoppedProcessorThenRestartsItWhenHealthStaysDown() {
        docker("stop", "-t", "0", PROCESSOR);
        // Nothing listens on port 9: health unreachable.
        Map<String, String> down = Map.of("PAYPULSE_PROCESSOR_HEALTH", "http://127.0.0.1:9/health");
        assertThat(task("check_processor", down).output()).contains("RESULT started (was");
        assertThat(running(PROCESSOR)).isTrue();
        assertThat(task("check_processor", down).output()).contains("RESULT starting (");
        String started = ok(docker("inspect", "-f", "{{.State.StartedAt}}", PROCESSOR)).output();

        Python.Result restart = task("check_processor", Map.of("PAYPULSE_PROCESSOR_HEALTH", "http://127.0.0.1:9/health",
                "PAYPULSE_PROCESSOR_GRACE", "0"));

        assertThat(restart.output()).contains("RESULT restarted (health unreachable");
        assertThat(ok(docker("inspect", "-f", "{{.State.StartedAt}}", PROCESSOR)).output()).isNotEqualTo(started);
    }

    /**
     * With two processor replicas, each is checked by its own container name (here unreachable from
     * the host, as a replica that does not answer): the stopped one is started, the running one within
     * its start grace is left alone, not restarted for the other's silence (docs/decisions/0011).
     */
    @Test
    void checkProcessorChecksEachReplicaAndStartsOnlyTheStoppedOne() {
        ok(docker("create", "--init", "--name", PROCESSOR_2, BASE, "sleep", "600"));
        try {
            ok(docker("start", PROCESSOR));
            String started = ok(docker("inspect", "-f", "{{.State.StartedAt}}", PROCESSOR)).output();

            Python.Result result = task("check_processor", Map.of("PAYPULSE_PROCESSOR_HEALTH", "http://processor:9/health",
                    "PAYPULSE_PROCESSOR_GRACE", "600"));

            assertThat(result.output()).contains("RESULT processor-1: starting (")
                    .contains("; processor-2: started (was created; health unreachable");
            assertThat(running(PROCESSOR_2)).isTrue();
            assertThat(ok(docker("inspect", "-f", "{{.State.StartedAt}}", PROCESSOR)).output())
                    .as("replica 1 not restarted").isEqualTo(started);
        } finally {
            docker("rm", "-f", PROCESSOR_2);
        }
    }

    @Test
    void aMissingContainerFailsTheTaskWithASentence() {
        ok(docker("rename", GENERATOR, GENERATOR + "-away"));
        try {
            Python.Result result = task("ensure_generator", Map.of());
            assertThat(result.code()).isEqualTo(1);
            assertThat(result.output()).contains("No container for service 'generator' of compose project '" + PROJECT + "'");
        } finally {
            ok(docker("rename", GENERATOR + "-away", GENERATOR));
        }
    }

    @Test
    void aProjectTheProxyWasNotConfiguredForIsRefusedWithASentence() {
        Python.Result result = task("ensure_generator", Map.of("PAYPULSE_COMPOSE_PROJECT", "someone-else"));
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.output()).contains("refused by the Docker proxy");
    }

    private static Python.Result task(String task, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(Map.of(
                "PAYPULSE_DOCKER_HOST", api.replace("http://", "tcp://"),
                "PAYPULSE_COMPOSE_PROJECT", PROJECT,
                "PAYPULSE_PROCESSOR_HEALTH", "http://127.0.0.1:9/health"));
        all.putAll(env);
        return Python.exec(List.of("python3", Python.ROOT.resolve("airflow/tests/run_task.py").toString(), task), all, Python.ROOT);
    }

    private static boolean running(String container) {
        return ok(docker("inspect", "-f", "{{.State.Running}}", container)).output().equals("true");
    }

    private static int status(String method, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(10))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Python.Result docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return Python.exec(command, Map.of(), Python.ROOT);
    }

    private static Python.Result ok(Python.Result result) {
        assertThat(result.code()).as(result.output()).isZero();
        return result;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
