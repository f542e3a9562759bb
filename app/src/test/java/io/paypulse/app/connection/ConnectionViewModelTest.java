package io.paypulse.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.alert.AlertRule;
import io.paypulse.app.Fixtures;
import io.paypulse.app.feed.LiveData;
import io.paypulse.app.session.ConnectionMode;
import io.paypulse.app.session.ConnectionRequest;
import io.paypulse.app.session.GeneratorControl;
import io.paypulse.app.session.Session;
import io.paypulse.app.session.SessionFactory;
import io.paypulse.broker.BrokerException;
import io.paypulse.config.ConfigException;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.stack.DockerEndpoint;
import io.paypulse.stack.StackErrors;
import io.paypulse.stack.StackException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConnectionViewModelTest {

    private static final Executor SAME_THREAD = Runnable::run;
    private final Clock clock = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);
    private final List<FakeSession> opened = new ArrayList<>();
    private final List<String> progress = new ArrayList<>();
    private RuntimeException failNextOpen;

    private final SessionFactory factory = (request, report) -> {
        if (failNextOpen != null) {
            RuntimeException e = failNextOpen;
            failNextOpen = null;
            throw e;
        }
        report.accept("Broker ready on localhost:1 in 2.9 s");
        FakeSession s = new FakeSession(request.mode());
        opened.add(s);
        return s;
    };

    private final ConnectionViewModel vm = new ConnectionViewModel(factory,
            (mode, servers, file, props) -> new ConnectionRequest(mode,
                    PayPulseConfig.forCluster(mode == ConnectionMode.CUSTOM ? servers : "", Path.of("/tmp/x")), List.of()),
            SAME_THREAD, SAME_THREAD, clock);

    ConnectionViewModelTest() {
        vm.progressProperty().addListener((o, a, b) -> progress.add(b));
    }

    @Test
    void startOpensOneSessionAndReportsProgress() {
        vm.start();

        assertThat(vm.statusProperty().get()).isEqualTo(ConnectionViewModel.Status.RUNNING);
        assertThat(vm.sessionProperty().get()).isSameAs(opened.get(0));
        assertThat(progress).contains("Broker ready on localhost:1 in 2.9 s");
        assertThat(vm.progressProperty().get()).isEqualTo("Running: fake Embedded (ready in 0.0 s)");
        assertThat(vm.canStartBinding().get()).isFalse();
        assertThat(vm.canStopBinding().get()).isTrue();
    }

    @Test
    void startingWhileRunningIsHarmless() {
        vm.start();
        vm.start();
        assertThat(opened).hasSize(1);
    }

    @Test
    void stoppingTwiceClosesOnce() {
        vm.start();
        vm.stop();
        vm.stop();
        assertThat(opened.get(0).closes.get()).isEqualTo(1);
        assertThat(vm.statusProperty().get()).isEqualTo(ConnectionViewModel.Status.STOPPED);
        assertThat(vm.sessionProperty().get()).isNull();
    }

    @Test
    void aFailedStartShowsTheSentenceAndTheAppStaysUsable() {
        failNextOpen = new BrokerException("Port 9092 is already in use; free it or choose another broker port.");
        vm.start();

        assertThat(vm.statusProperty().get()).isEqualTo(ConnectionViewModel.Status.STOPPED);
        assertThat(vm.errorProperty().get()).isEqualTo("Port 9092 is already in use; free it or choose another broker port.");

        vm.start();
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.statusProperty().get()).isEqualTo(ConnectionViewModel.Status.RUNNING);
    }

    @Test
    void aBadSettingIsReportedWithoutStartingAnything() {
        ConnectionViewModel bad = new ConnectionViewModel(factory, (m, s, f, p) -> {
            throw new ConfigException("Enter the bootstrap servers of the cluster, e.g. localhost:9092.");
        }, SAME_THREAD, SAME_THREAD, clock);
        bad.start();
        assertThat(bad.errorProperty().get()).startsWith("Enter the bootstrap servers");
        assertThat(bad.statusProperty().get()).isEqualTo(ConnectionViewModel.Status.STOPPED);
        assertThat(opened).isEmpty();
    }

    @Test
    void anExceptionWithoutMessageStillGivesASentence() {
        failNextOpen = new IllegalStateException();
        vm.start();
        assertThat(vm.errorProperty().get()).contains("could not start").contains("IllegalStateException");
    }

    @Test
    void switchingModeStopsTheRunningSession() {
        vm.start();
        vm.modeProperty().set(ConnectionMode.CUSTOM);
        assertThat(opened.get(0).closes.get()).isEqualTo(1);
        assertThat(vm.statusProperty().get()).isEqualTo(ConnectionViewModel.Status.STOPPED);
    }

    @Test
    void withoutDockerTheDockerModeShowsOneSentenceAndEmbeddedStillStarts() {
        vm.modeProperty().set(ConnectionMode.DOCKER);
        assertThat(vm.canStartBinding().get()).isTrue();
        String sentence = StackErrors.noEngine(
                new DockerEndpoint(DockerEndpoint.DEFAULT_SOCKET));
        failNextOpen = new StackException(sentence);

        vm.start();
        assertThat(vm.errorProperty().get()).isEqualTo(sentence);
        assertThat(vm.statusProperty().get()).isEqualTo(ConnectionViewModel.Status.STOPPED);

        vm.modeProperty().set(ConnectionMode.EMBEDDED);
        vm.start();
        assertThat(vm.statusProperty().get()).isEqualTo(ConnectionViewModel.Status.RUNNING);
        assertThat(vm.errorProperty().get()).isNull();
    }

    @Test
    void shutdownClosesTheOpenSession() throws Exception {
        vm.start();
        vm.shutdown().get();
        assertThat(opened.get(0).closes.get()).isEqualTo(1);
        vm.stop(); // the later stop finds nothing more to close
        assertThat(opened.get(0).closes.get()).isEqualTo(1);
    }

    private final class FakeSession implements Session {
        final AtomicInteger closes = new AtomicInteger();
        final ConnectionMode mode;

        FakeSession(ConnectionMode mode) {
            this.mode = mode;
        }

        @Override
        public LiveData data() {
            return new LiveData(clock);
        }

        @Override
        public Optional<GeneratorControl> generator() {
            return Optional.empty();
        }

        @Override
        public List<AlertRule> rules() {
            return List.of();
        }

        @Override
        public String description() {
            return "fake " + mode;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
