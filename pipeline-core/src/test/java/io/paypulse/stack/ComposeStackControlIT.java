package io.paypulse.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link ComposeStack} on the real Docker engine with a two-service compose project of a local
 * busybox image (see {@link TestDocker}), under a project name of its own so the real stack and
 * other runs are never touched. One stack for the class; tests run in order. ~30 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackControlIT {

    private final String project = "ppstackit" + ProcessHandle.current().pid();
    private Path dir;
    private ComposeStack stack;
    private final List<String> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    void upTheTestImage() throws Exception {
        TestDocker.requireEngine();
        TestDocker.ensureImage();
        dir = Files.createTempDirectory("paypulse-stack-it");
        Path compose = TestDocker.resource("test-stack.yml", dir);
        stack = new ComposeStack(StackSettings.of(compose, project).withHealthTimeout(Duration.ofSeconds(60))
                .withEnv(Map.of("TEST_IMAGE", TestDocker.IMAGE)));
    }

    @AfterAll
    void down() {
        if (stack != null) {
            try {
                stack.downStack(true, line -> { });
            } finally {
                stack.close();
            }
        }
    }

    private ContainerStatus service(String name) {
        return stack.status().stream().filter(c -> c.service().equals(name)).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void startStackCreatesBothServicesAndWaitsForHealth() {
        List<ContainerStatus> ready = stack.startStack(progress::add);

        assertThat(ready).extracting(ContainerStatus::service).containsExactly("web", "worker");
        assertThat(stack.status()).allSatisfy(c -> {
            assertThat(c.running()).isTrue();
            assertThat(c.image()).isEqualTo(TestDocker.IMAGE);
            assertThat(c.name()).startsWith(project);
        });
        assertThat(service("web").health()).isEqualTo(Health.HEALTHY);
        assertThat(service("worker").health()).isEqualTo(Health.NONE);
        assertThat(service("web").ports()).singleElement().asString().startsWith("127.0.0.1:").endsWith("->8080/tcp");
        assertThat(service("web").uptime(Instant.now())).isPositive();
        assertThat(progress).contains("web healthy (1 of 2)", "worker running (2 of 2)");
        assertThat(progress).anyMatch(l -> l.startsWith("Creating " + project));
        assertThat(progress.get(progress.size() - 1)).startsWith("Stack ready: 2 containers in");
    }

    @Test
    @Order(2)
    void stoppingOneContainerArrivesAsAnEventAndShowsExited() throws Exception {
        List<StackEvent> events = new CopyOnWriteArrayList<>();
        String worker = service("worker").id();
        try (Closeable sub = stack.events(events::add, e -> { })) {
            stack.stop(worker);
            await().atMost(Duration.ofSeconds(20)).until(() -> events.stream()
                    .anyMatch(e -> e.containerId().equals(worker) && e.action().equals("die")));
        }
        assertThat(events).allSatisfy(e -> assertThat(e.action()).doesNotStartWith("exec_"));
        assertThat(events).filteredOn(e -> e.containerId().equals(worker)).allMatch(e -> e.service().equals("worker"));
        ContainerStatus now = stack.inspect(worker).orElseThrow();
        assertThat(now.state()).isEqualTo("exited");
        assertThat(now.uptime(Instant.now())).isZero();
    }

    @Test
    @Order(3)
    void startAndRestartBringTheContainerBack() throws Exception {
        String worker = service("worker").id();
        List<StackEvent> events = new CopyOnWriteArrayList<>();
        try (Closeable sub = stack.events(events::add, e -> { })) {
            stack.start(worker);
            assertThat(stack.inspect(worker).orElseThrow().running()).isTrue();
            stack.restart(worker);
            await().atMost(Duration.ofSeconds(20)).until(() -> events.stream()
                    .anyMatch(e -> e.containerId().equals(worker) && e.action().equals("restart")));
        }
        assertThat(stack.inspect(worker).orElseThrow().running()).isTrue();
    }

    @Test
    @Order(4)
    void healthChangesArriveAsHealthStatusEvents() throws Exception {
        String web = service("web").id();
        List<StackEvent> events = new CopyOnWriteArrayList<>();
        try (Closeable sub = stack.events(events::add, e -> { })) {
            stack.restart(web);
            await().atMost(Duration.ofSeconds(30)).until(() -> events.stream()
                    .anyMatch(e -> e.containerId().equals(web) && e.action().equals("health_status: healthy")));
        }
        assertThat(stack.inspect(web).orElseThrow().health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    @Order(5)
    void logsHoldWhatTheContainerPrinted() throws Exception {
        String web = service("web").id();
        List<String> plain = new CopyOnWriteArrayList<>();
        try (Closeable l = stack.logs(web, false, false, 100, plain::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> plain.contains("hello from web"));
        }
        List<String> stamped = new CopyOnWriteArrayList<>();
        try (Closeable l = stack.logs(web, false, true, 100, stamped::add)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stamped.stream().anyMatch(s -> s.endsWith("hello from web")));
        }
        assertThat(stamped).allMatch(s -> s.matches("^\\d{4}-\\d\\d-\\d\\dT.*"));

        // Following: lines printed after the subscription arrive too (worker prints a tick a second).
        String worker = service("worker").id();
        List<String> followed = new CopyOnWriteArrayList<>();
        try (Closeable l = stack.logs(worker, true, false, 0, followed::add)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> followed.contains("worker tick"));
        }
        int seen = followed.size();
        Thread.sleep(2_500);
        assertThat(followed).as("closed: no more lines").hasSize(seen);
    }

    @Test
    @Order(6)
    void stopStackKeepsTheContainersAndStartStackBringsThemBack() {
        List<String> ids = stack.status().stream().map(ContainerStatus::id).toList();

        stack.stopStack(progress::add);
        assertThat(stack.status()).hasSize(2).allSatisfy(c -> assertThat(c.state()).isEqualTo("exited"));

        stack.startStack(progress::add);
        assertThat(stack.status()).allMatch(ContainerStatus::ready)
                .extracting(ContainerStatus::id).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    @Order(7)
    void aContainerOfAnotherProjectCannotBeTouched() {
        try (DockerClient docker = TestDocker.client()) {
            String other = docker.createContainerCmd(TestDocker.IMAGE)
                    .withCmd("/bin/sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done")
                    .withName(project + "-stranger").exec().getId();
            try {
                docker.startContainerCmd(other).exec();
                for (var action : List.<Runnable>of(() -> stack.stop(other), () -> stack.restart(other),
                        () -> stack.start(other), () -> stack.logs(other, false, false, 10, l -> { }),
                        () -> stack.inspect(other))) {
                    assertThatThrownBy(action::run).isInstanceOf(StackException.class)
                            .hasMessage(StackErrors.notOurs(project + "-stranger", project));
                }
                assertThat(docker.inspectContainerCmd(other).exec().getState().getRunning()).isTrue();
                assertThat(stack.status()).extracting(ContainerStatus::id).doesNotContain(other);
            } finally {
                docker.removeContainerCmd(other).withForce(true).exec();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(8)
    void noEngineIsOneSentence() {
        DockerEndpoint nowhere = new DockerEndpoint("unix:///tmp/paypulse-no-docker-" + project + ".sock");
        try (ComposeStack none = new ComposeStack(stack.settings().withEndpoint(nowhere))) {
            assertThatThrownBy(none::status).isInstanceOf(StackException.class)
                    .hasMessage(StackErrors.noEngine(nowhere))
                    .hasMessage("Docker is not running at " + nowhere + ": start the Docker engine (dockerd) and try again.");
            assertThatThrownBy(() -> none.startStack(l -> { })).hasMessage(StackErrors.noEngine(nowhere));
        }
    }

    @Test
    @Order(9)
    void aMissingComposeCliIsOneSentence() {
        try (ComposeStack noCompose = new ComposeStack(stack.settings()
                .withComposeCommand(List.of("paypulse-no-such-compose")))) {
            assertThatThrownBy(() -> noCompose.startStack(l -> { })).isInstanceOf(StackException.class)
                    .hasMessage(StackErrors.COMPOSE_MISSING);
            assertThatThrownBy(() -> noCompose.stopStack(l -> { })).hasMessage(StackErrors.COMPOSE_MISSING);
        }
    }

    @Test
    @Order(10)
    void anImageThatCannotBePulledIsNamed() {
        Path compose = TestDocker.resource("unpullable-stack.yml", dir);
        try (ComposeStack ghost = new ComposeStack(StackSettings.of(compose, project + "ghost"))) {
            try {
                assertThatThrownBy(() -> ghost.startStack(l -> { })).isInstanceOf(StackException.class)
                        .hasMessage(StackErrors.imageNotPullable("registry.invalid/nope:1"));
            } finally {
                ghost.downStack(true, l -> { });
            }
        }
    }
}
