package io.paypulse.app.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.app.Fixtures;
import io.paypulse.testing.MutableClock;
import io.paypulse.stack.ContainerStatus;
import io.paypulse.stack.DockerEndpoint;
import io.paypulse.stack.Health;
import io.paypulse.stack.StackErrors;
import io.paypulse.stack.StackException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackViewModelTest {

    private static final Executor SAME_THREAD = Runnable::run;
    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private final FakeStack stack = new FakeStack();
    private final StackViewModel vm = new StackViewModel(stack, SAME_THREAD, SAME_THREAD, clock);

    private static ContainerStatus container(String service, String state, Health health, Instant started) {
        return new ContainerStatus("id-" + service, "paypulse_" + service + "_1", service, "paypulse/" + service + ":1",
                state, 0, health, List.of("127.0.0.1:19092->19092/tcp"), started);
    }

    private StackRow row(String service) {
        return vm.rows().stream().filter(r -> r.service().equals(service)).findFirst().orElseThrow();
    }

    private void twoRunning() {
        stack.put(container("kafka1", "running", Health.HEALTHY, Fixtures.T0.minusSeconds(90)));
        stack.put(container("generator", "running", Health.NONE, Fixtures.T0.minusSeconds(30)));
    }

    @Test
    void activatingListsTheContainersWithServiceHealthPortsAndUptime() {
        twoRunning();
        vm.activate();

        assertThat(vm.connectedProperty().get()).isTrue();
        assertThat(vm.rows()).extracting(StackRow::service).containsExactly("generator", "kafka1");
        assertThat(row("kafka1").health()).isEqualTo(Health.HEALTHY);
        assertThat(row("kafka1").uptime()).isEqualTo("1 min");
        assertThat(row("kafka1").ports()).isEqualTo("127.0.0.1:19092->19092/tcp");
        assertThat(row("generator").health()).isEqualTo(Health.NONE);
        assertThat(StackViewModel.healthText(Health.NONE)).isEqualTo("—");
        assertThat(vm.endpoint()).isEqualTo("unix:///var/run/docker.sock");
    }

    private static ContainerStatus replica(String name, int n, String state, Health health) {
        return new ContainerStatus("id-" + name + "-" + n, name.replace("{n}", Integer.toString(n)), "processor",
                "paypulse/pipeline:latest", state, state.equals("exited") ? 137 : 0, health,
                List.of("127.0.0.1:1808" + (n - 1) + "->8080/tcp"), Fixtures.T0.minusSeconds(60));
    }

    @Test
    void aScaledOutServiceShowsOneRowPerReplicaWithItsNumberStateHealthAndPort() {
        stack.put(container("kafka1", "running", Health.HEALTHY, Fixtures.T0.minusSeconds(90)));
        // Compose v1 names (paypulse_processor_N), listed out of order, and ten of them: 10 sorts after 9.
        for (int n : new int[] {10, 2, 1, 3, 4, 5, 6, 7, 8, 9}) {
            stack.put(replica("paypulse_processor_{n}", n, n == 2 ? "exited" : "running",
                    n == 2 ? Health.UNHEALTHY : Health.HEALTHY));
        }
        vm.activate();

        assertThat(vm.rows()).extracting(StackRow::label).containsExactly("kafka1", "processor-1", "processor-2",
                "processor-3", "processor-4", "processor-5", "processor-6", "processor-7", "processor-8", "processor-9",
                "processor-10");
        StackRow second = vm.rows().get(2);
        assertThat(second.service()).isEqualTo("processor");
        assertThat(second.replica()).isEqualTo(2);
        assertThat(second.replicaText()).isEqualTo("2 of 10");
        assertThat(second.state()).isEqualTo("exited (137)");
        assertThat(second.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(second.ports()).isEqualTo("127.0.0.1:18081->8080/tcp");
        assertThat(row("kafka1").replicaText()).as("a service with one container shows no replica number").isEmpty();
        assertThat(row("kafka1").label()).isEqualTo("kafka1");

        // Start, stop and restart act on that one replica.
        vm.startContainer(second.id());
        vm.stopContainer(vm.rows().get(1).id());
        assertThat(stack.calls).contains("start id-paypulse_processor_{n}-2", "stop id-paypulse_processor_{n}-1");
        assertThat(vm.progressProperty().get()).isEqualTo("processor-1: stop done");
    }

    @Test
    void composeV2ReplicaNamesAreNumberedTooAndOneReplicaLeftIsShownAsTheService() {
        stack.put(replica("paypulse-processor-{n}", 1, "running", Health.HEALTHY));
        stack.put(replica("paypulse-processor-{n}", 2, "running", Health.HEALTHY));
        vm.activate();
        assertThat(vm.rows()).extracting(StackRow::label).containsExactly("processor-1", "processor-2");

        stack.containers.remove("id-paypulse-processor-{n}-2"); // scaled back to one
        stack.emit("id-paypulse-processor-{n}-2", "destroy");
        assertThat(vm.rows()).extracting(StackRow::label).containsExactly("processor");
        assertThat(vm.rows().get(0).replica()).isEqualTo(1);
    }

    @Test
    void anEventReinspectsOnlyThatContainerAndUpdatesItsRow() {
        twoRunning();
        vm.activate();
        stack.calls.clear();

        stack.put(new ContainerStatus("id-generator", "paypulse_generator_1", "generator", "paypulse/generator:1",
                "exited", 137, Health.NONE, List.of(), Fixtures.T0.minusSeconds(30)));
        stack.emit("id-generator", "die");

        assertThat(stack.calls).containsExactly("inspect id-generator"); // no re-listing, no polling
        assertThat(row("generator").state()).isEqualTo("exited (137)");
        assertThat(row("generator").uptime()).isEmpty();
        assertThat(row("kafka1").running()).isTrue();
    }

    @Test
    void aHealthEventShowsTheNewHealth() {
        stack.put(container("kafka2", "running", Health.STARTING, Fixtures.T0));
        vm.activate();
        assertThat(row("kafka2").health()).isEqualTo(Health.STARTING);

        stack.put(container("kafka2", "running", Health.UNHEALTHY, Fixtures.T0));
        stack.emit("id-kafka2", "health_status: unhealthy");
        assertThat(row("kafka2").health()).isEqualTo(Health.UNHEALTHY);

        stack.put(container("kafka2", "running", Health.HEALTHY, Fixtures.T0));
        stack.emit("id-kafka2", "health_status: healthy");
        assertThat(row("kafka2").health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void aDestroyedContainerLeavesTheTable() {
        twoRunning();
        vm.activate();
        stack.containers.remove("id-generator");
        stack.emit("id-generator", "destroy");
        assertThat(vm.rows()).extracting(StackRow::service).containsExactly("kafka1");
    }

    @Test
    void noDockerEngineShowsOneSentenceAndTheTabStaysUsable() {
        String sentence = StackErrors.noEngine(new DockerEndpoint(DockerEndpoint.DEFAULT_SOCKET));
        stack.failEvents = new StackException(sentence);

        vm.activate();

        assertThat(vm.errorProperty().get()).isEqualTo(sentence);
        assertThat(vm.connectedProperty().get()).isFalse();
        assertThat(vm.canStartStackBinding().get()).isTrue();

        stack.failEvents = null; // the engine came up: Refresh reconnects
        twoRunning();
        vm.refresh();
        assertThat(vm.connectedProperty().get()).isTrue();
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.rows()).hasSize(2);
    }

    @Test
    void startStackDisablesBothStackButtonsUntilDoneAndReportsProgress() {
        Queue<Runnable> queued = new ArrayDeque<>();
        StackViewModel slow = new StackViewModel(stack, queued::add, SAME_THREAD, clock);
        twoRunning();

        slow.startStack();
        assertThat(slow.busyProperty().get()).isTrue();
        assertThat(slow.canStartStackBinding().get()).isFalse();
        assertThat(slow.canStopStackBinding().get()).isFalse();
        assertThat(slow.progressProperty().get()).isEqualTo("Starting the stack…");

        slow.startStack(); // a second press while busy does nothing
        while (!queued.isEmpty()) {
            queued.poll().run();
        }
        assertThat(stack.calls).containsOnlyOnce("startStack");
        assertThat(slow.busyProperty().get()).isFalse();
        assertThat(slow.progressProperty().get()).isEqualTo("Stack ready: 2 containers in 3.0 s");
        assertThat(slow.rows()).hasSize(2);
        assertThat(slow.canStopStackBinding().get()).isTrue();
        assertThat(slow.connectedProperty().get()).isTrue();
    }

    @Test
    void stopStackIsOnlyOfferedWhileSomethingRuns() {
        stack.put(container("kafka1", "exited", Health.NONE, Fixtures.T0));
        vm.activate();
        assertThat(vm.canStopStackBinding().get()).isFalse();

        stack.put(container("kafka1", "running", Health.HEALTHY, Fixtures.T0));
        stack.emit("id-kafka1", "start");
        assertThat(vm.canStopStackBinding().get()).isTrue();

        vm.stopStack();
        assertThat(stack.calls).contains("stopStack");
        assertThat(vm.progressProperty().get()).isEqualTo("Stack stopped; containers and data are kept.");
    }

    @Test
    void aFailedStackStartShowsItsSentence() {
        String sentence = StackErrors.imageNotPullable("apache/kafka:4.1.1");
        stack.failNext = new StackException(sentence);
        vm.startStack();
        assertThat(vm.errorProperty().get()).isEqualTo(sentence);
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.canStartStackBinding().get()).isTrue();
    }

    @Test
    void containerButtonsFollowTheContainerStateAndLockWhileAnOperationRuns() {
        Queue<Runnable> queued = new ArrayDeque<>();
        StackViewModel slow = new StackViewModel(stack, queued::add, SAME_THREAD, clock);
        stack.put(container("kafka1", "running", Health.HEALTHY, Fixtures.T0));
        stack.put(container("processor", "exited", Health.NONE, Fixtures.T0));
        slow.activate();
        queued.poll().run();
        StackRow kafka = slow.rows().get(0);
        StackRow processor = slow.rows().get(1);

        assertThat(slow.canStop(kafka)).isTrue();
        assertThat(slow.canRestart(kafka)).isTrue();
        assertThat(slow.canStart(kafka)).isFalse();
        assertThat(slow.canStart(processor)).isTrue();
        assertThat(slow.canStop(processor)).isFalse();
        assertThat(slow.canStart(null)).isFalse();

        slow.stopContainer(kafka.id());
        assertThat(slow.canStop(kafka)).isFalse();
        assertThat(slow.canRestart(kafka)).isFalse();
        queued.poll().run();
        assertThat(stack.calls).contains("stop id-kafka1");
        assertThat(slow.canStop(kafka)).isTrue();
    }

    @Test
    void refusingAContainerShowsTheSentence() {
        twoRunning();
        vm.activate();
        String sentence = StackErrors.notOurs("someone-else", "paypulse");
        stack.failNext = new StackException(sentence);
        vm.restartContainer("id-kafka1");
        assertThat(vm.errorProperty().get()).isEqualTo(sentence);
        assertThat(vm.pending()).isEmpty();
        vm.dismissError();
        assertThat(vm.errorProperty().get()).isNull();
    }

    @Test
    void logsAreFilteredAndRenderedOnlyWhenChanged() {
        twoRunning();
        vm.activate();
        vm.showLogs("id-kafka1");
        assertThat(vm.logTargetProperty().get()).isEqualTo("kafka1 (paypulse_kafka1_1)");
        stack.logLines.accept("INFO started");
        stack.logLines.accept("WARN disk slow");

        vm.render(vm.logSnapshot());
        assertThat(vm.logTextProperty().get()).isEqualTo("INFO started\nWARN disk slow\n");
        assertThat(vm.logSnapshot()).isNull();

        vm.filterProperty().set("warn");
        vm.render(vm.logSnapshot());
        assertThat(vm.logTextProperty().get()).isEqualTo("WARN disk slow\n");
    }

    @Test
    void togglingTimestampsReopensTheLogWithThem() {
        twoRunning();
        vm.activate();
        vm.showLogs("id-kafka1");
        assertThat(stack.lastTimestamps).isFalse();

        vm.timestampsProperty().set(true);
        assertThat(stack.logsOpened).isEqualTo(2);
        assertThat(stack.logsClosed).isEqualTo(1);
        assertThat(stack.lastTimestamps).isTrue();
    }

    @Test
    void savingWritesTheShownLines(@TempDir Path dir) throws Exception {
        twoRunning();
        vm.activate();
        vm.showLogs("id-kafka1");
        stack.logLines.accept("a");
        stack.logLines.accept("b");
        Path out = dir.resolve("kafka1.log");

        vm.saveLogs(out);

        assertThat(Files.readString(out)).isEqualTo("a\nb\n");
        assertThat(vm.progressProperty().get()).isEqualTo("Saved 2 log lines to " + out);
    }

    @Test
    void uptimeAdvancesWithTheClockOnRender() {
        twoRunning();
        vm.activate();
        clock.advance(Duration.ofHours(2));
        vm.render(null);
        assertThat(row("kafka1").uptime()).isEqualTo("2 h 1 min");
    }

    @Test
    void closingEndsTheEventAndLogStreams() {
        twoRunning();
        vm.activate();
        vm.showLogs("id-kafka1");
        vm.close();
        assertThat(stack.eventsClosed).isEqualTo(1);
        assertThat(stack.logsClosed).isEqualTo(1);
    }
}
