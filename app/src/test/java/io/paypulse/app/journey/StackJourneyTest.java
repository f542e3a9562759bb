package io.paypulse.app.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static io.paypulse.app.testing.RunningApp.onFx;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.paypulse.app.testing.RunningApp;
import io.paypulse.app.stack.StackRow;
import io.paypulse.stack.Health;
import io.paypulse.stack.PayPulseStack;
import io.paypulse.stack.TestDocker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The Stack tab against real containers: pipeline-core's two-service busybox project
 * ({@code test-stack.yml}: web with a healthcheck, worker; image {@link TestDocker#IMAGE}, built
 * locally without a registry) under a project name of its own, chosen through
 * {@code PAYPULSE_COMPOSE_FILE} and {@code PAYPULSE_STACK_PROJECT} as a user would. Removed with
 * {@code compose down -v} afterwards. ~30 s.
 *
 * <p>Run: {@code mvn -B -pl app verify -Dtest=StackJourneyTest} (after {@code mvn -B -q -DskipTests install}).
 * Needs a Docker engine, the compose CLI and a static busybox; without an engine it fails with what
 * to do, unless {@code -Dpaypulse.docker.tests=false} skips it.
 */
class StackJourneyTest {

    private static final Duration STACK_READY_WITHIN = Duration.ofSeconds(120);
    private static final Duration CONTAINER_CHANGE_WITHIN = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    @RegisterExtension
    final RunningApp running = new RunningApp();

    private final FxRobot robot = running.robot();
    private final String project = "ppjourney" + ProcessHandle.current().pid();
    private Path composeFile;

    @BeforeEach
    void engineAndImage() {
        TestDocker.requireEngine();
        TestDocker.ensureImage();
        composeFile = TestDocker.resource("test-stack.yml", dir);
    }

    @AfterEach
    void close() throws Exception {
        try {
            running.close(); // before compose down: the app watches those containers
        } finally {
            if (composeFile != null) {
                down();
            }
        }
    }

    @Test
    void startStackStopAndStartOneContainerThenStopStackKeepsTheContainers() throws Exception {
        launch();
        selectStackTab();
        assertThat(onFx(() -> label("#endpointLabel").getText())).isEqualTo(TestDocker.endpoint().toString());

        clickWhenEnabled("#startStackButton");
        await("both services listed, web healthy, worker running").atMost(STACK_READY_WITHIN)
                .pollInterval(Duration.ofMillis(250)).failFast("the Stack tab shows an error", this::errorShown)
                .until(() -> {
                    List<StackRow> rows = rows();
                    return rows.size() == 2 && row("web").map(r -> r.running() && r.health() == Health.HEALTHY).orElse(false)
                            && row("worker").map(StackRow::running).orElse(false);
                });
        assertThat(rows()).extracting(StackRow::service).containsExactly("web", "worker");
        assertThat(rows()).allSatisfy(r -> {
            assertThat(r.image()).isEqualTo(TestDocker.IMAGE);
            assertThat(r.container().name()).startsWith(project);
        });
        assertThat(row("worker").orElseThrow().health()).isEqualTo(Health.NONE);
        await("Start stack finished").atMost(STACK_READY_WITHIN).until(() -> !onFx(() -> button("#startStackButton").isDisabled()));

        String worker = row("worker").orElseThrow().id();
        clickRow("worker");
        clickWhenEnabled("#containerStopButton");
        await("worker shows exited").atMost(CONTAINER_CHANGE_WITHIN).pollInterval(Duration.ofMillis(250))
                .failFast("the Stack tab shows an error", this::errorShown)
                .until(() -> row("worker").map(r -> r.state().startsWith("exited")).orElse(false));
        assertThat(dockerStates()).containsEntry("worker", "exited").containsEntry("web", "running");
        assertThat(row("worker").orElseThrow().id()).as("the same container, stopped").isEqualTo(worker);

        clickWhenEnabled("#containerStartButton");
        await("worker shows running again").atMost(CONTAINER_CHANGE_WITHIN).pollInterval(Duration.ofMillis(250))
                .failFast("the Stack tab shows an error", this::errorShown)
                .until(() -> row("worker").map(r -> r.state().equals("running")).orElse(false));
        assertThat(dockerStates()).containsEntry("worker", "running");

        clickWhenEnabled("#stopStackButton");
        await("both containers show exited").atMost(STACK_READY_WITHIN).pollInterval(Duration.ofMillis(250))
                .failFast("the Stack tab shows an error", this::errorShown)
                .until(() -> rows().size() == 2 && rows().stream().allMatch(r -> r.state().startsWith("exited")));
        assertThat(dockerStates()).as("compose stop keeps the containers")
                .isEqualTo(Map.of("web", "exited", "worker", "exited"));
        assertThat(rows()).extracting(StackRow::id).contains(worker);
    }

    /**
     * A service scaled to three replicas (compose {@code scale}, as {@code --scale processor=3} does)
     * shows one row per replica, labelled worker-1..3 in the table, each with its replica number,
     * state, health and host port; stopping one replica from its row stops only that container, and
     * starting it brings it back.
     */
    @Test
    void aScaledServiceShowsEachReplicaAndOneCanBeStoppedAndStartedAlone() throws Exception {
        composeFile = TestDocker.resource("test-stack-scaled.yml", dir);
        launch();
        selectStackTab();

        clickWhenEnabled("#startStackButton");
        await("web and three worker replicas healthy").atMost(STACK_READY_WITHIN).pollInterval(Duration.ofMillis(250))
                .failFast("the Stack tab shows an error", this::errorShown)
                .until(() -> rows().size() == 4 && rows().stream().allMatch(r -> r.running() && r.health() == Health.HEALTHY));
        assertThat(rows()).extracting(StackRow::label).containsExactly("web", "worker-1", "worker-2", "worker-3");
        assertThat(rows()).extracting(StackRow::replicaText).containsExactly("", "1 of 3", "2 of 3", "3 of 3");
        assertThat(rows().subList(1, 4)).extracting(StackRow::ports).doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p).matches("127\\.0\\.0\\.1:\\d+->8080/tcp"));
        assertThat(renderedServiceCells()).as("what the Service column shows").contains("worker-1", "worker-2", "worker-3");
        await("Start stack finished").atMost(STACK_READY_WITHIN).until(() -> !onFx(() -> button("#startStackButton").isDisabled()));

        String second = rowLabeled("worker-2").orElseThrow().id();
        selectRow("worker-2");
        clickWhenEnabled("#containerStopButton");
        await("worker-2 shows exited").atMost(CONTAINER_CHANGE_WITHIN).pollInterval(Duration.ofMillis(250))
                .failFast("the Stack tab shows an error", this::errorShown)
                .until(() -> rowLabeled("worker-2").map(r -> r.state().startsWith("exited")).orElse(false));
        assertThat(rowLabeled("worker-2").orElseThrow().id()).isEqualTo(second);
        assertThat(dockerStates().get("worker").split(",")).as("engine: only that replica stopped")
                .containsExactlyInAnyOrder("running", "exited", "running");
        assertThat(rowLabeled("worker-1").orElseThrow().running()).isTrue();
        assertThat(rowLabeled("worker-3").orElseThrow().running()).isTrue();

        clickWhenEnabled("#containerStartButton");
        await("worker-2 shows running again").atMost(CONTAINER_CHANGE_WITHIN).pollInterval(Duration.ofMillis(250))
                .failFast("the Stack tab shows an error", this::errorShown)
                .until(() -> rowLabeled("worker-2").map(StackRow::running).orElse(false));
        assertThat(dockerStates().get("worker").split(",")).containsOnly("running").hasSize(3);
    }

    private Optional<StackRow> rowLabeled(String label) {
        return rows().stream().filter(r -> r.label().equals(label)).findFirst();
    }

    /** Selects a row by its label, through the selection model (see {@link #clickRow}). */
    private void selectRow(String label) {
        robot.interact(() -> {
            var items = table().getItems();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).label().equals(label)) {
                    table().getSelectionModel().select(i);
                }
            }
        });
        await(label + " selected").atMost(Duration.ofSeconds(10)).until(() -> onFx(() ->
                Optional.ofNullable(table().getSelectionModel().getSelectedItem()).map(StackRow::label).orElse(""))
                .equals(label));
    }

    /** The texts of the Service column's rendered cells. */
    private List<String> renderedServiceCells() {
        return onFx(() -> robot.lookup("#stackTable .table-cell").queryAll().stream()
                .filter(n -> n instanceof TableCell<?, ?> c && c.getTableColumn() != null
                        && "Service".equals(c.getTableColumn().getText()))
                .map(n -> ((TableCell<?, ?>) n).getText()).filter(t -> t != null).toList());
    }

    private void launch() throws Exception {
        running.in(dir).settings("{\"width\": 1280, \"height\": 800}")
                .env(PayPulseStack.COMPOSE_FILE_ENV, composeFile.toString()).env(PayPulseStack.PROJECT_ENV, project)
                .launch();
    }

    /** Clicks the tab's header, as a user does (selecting it also connects the tab to Docker). */
    private void selectStackTab() {
        Label header = robot.lookup(".tab-label").queryAllAs(Label.class).stream()
                .filter(l -> "Stack".equals(l.getText())).findFirst().orElseThrow();
        robot.clickOn(header);
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        await("Stack tab selected").atMost(Duration.ofSeconds(10))
                .until(() -> onFx(() -> Optional.ofNullable(tabs.getSelectionModel().getSelectedItem())
                        .map(Tab::getText).orElse("")).equals("Stack"));
    }

    /**
     * Selects the table row of a service (selection drives the container buttons). Through the
     * selection model, as AppJourneyTest does: a click at a row node raced the table re-rendering
     * its rows on Docker events when this ran after the other journeys in one JVM.
     */
    private void clickRow(String service) {
        await(service + " row rendered").atMost(Duration.ofSeconds(10)).until(() -> tableRow(service).isPresent());
        robot.interact(() -> {
            var items = table().getItems();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).service().equals(service)) {
                    table().getSelectionModel().select(i);
                }
            }
        });
        await(service + " selected").atMost(Duration.ofSeconds(10)).until(() -> onFx(() ->
                Optional.ofNullable(table().getSelectionModel().getSelectedItem()).map(StackRow::service).orElse(""))
                .equals(service));
    }

    @SuppressWarnings("unchecked")
    private Optional<TableRow<StackRow>> tableRow(String service) {
        return onFx(() -> robot.lookup("#stackTable .table-row-cell").queryAll().stream()
                .map(n -> (TableRow<StackRow>) n)
                .filter(r -> r.getItem() != null && r.getItem().service().equals(service)).findFirst());
    }

    private void clickWhenEnabled(String query) {
        await(query + " enabled").atMost(Duration.ofSeconds(30)).until(() -> !onFx(() -> button(query).isDisabled()));
        robot.clickOn(query);
    }

    private boolean errorShown() {
        return onFx(() -> {
            String error = label("#stackErrorText").getText();
            if (error != null && !error.isEmpty()) {
                System.out.println("StackJourneyTest: the Stack tab shows: " + error);
                return true;
            }
            return false;
        });
    }

    private List<StackRow> rows() {
        return onFx(() -> List.copyOf(table().getItems()));
    }

    private Optional<StackRow> row(String service) {
        return rows().stream().filter(r -> r.service().equals(service)).findFirst();
    }

    @SuppressWarnings("unchecked")
    private TableView<StackRow> table() {
        return (TableView<StackRow>) robot.lookup("#stackTable").queryAs(TableView.class);
    }

    private Button button(String query) {
        return robot.lookup(query).queryAs(Button.class);
    }

    private Label label(String query) {
        return robot.lookup(query).queryAs(Label.class);
    }

    /** What the engine says, not the app: service to state of every container of the project (docker ps -a). */
    private Map<String, String> dockerStates() throws IOException {
        try (DockerClient docker = TestDocker.client()) {
            Map<String, String> states = new HashMap<>();
            for (Container c : docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("com.docker.compose.project", project)).exec()) {
                states.merge(c.getLabels().get("com.docker.compose.service"), c.getState(), (a, b) -> a + "," + b);
            }
            return states;
        }
    }

    /** compose down -v through the CLI (independent of the code under test); v2 if present, else v1. */
    private void down() throws Exception {
        List<List<String>> clis = List.of(List.of("docker", "compose"), List.of("docker-compose"));
        String output = "";
        for (List<String> cli : clis) {
            List<String> command = new ArrayList<>(cli);
            command.addAll(List.of("-p", project, "-f", composeFile.toString(), "down", "-v", "--remove-orphans"));
            Path log = dir.resolve("down.log");
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                continue; // no such CLI
            }
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly().waitFor();
            }
            output = Files.readString(log);
            if (p.exitValue() == 0) {
                return;
            }
        }
        throw new AssertionError("compose down -v of " + project + " failed; remove its containers with "
                + "`docker rm -f $(docker ps -aq --filter label=com.docker.compose.project=" + project + ")`:\n" + output);
    }
}
