package io.paypulse.broker;

import io.paypulse.files.DiskErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears Kafka's refused exit/halt calls (through {@link ExitGuard}) for one embedded broker, decides whether
 * they concern this broker, and turns them into one sentence naming the cause: a full disk or an unwritable
 * data directory (the usual reason a single-node broker halts: all its log directories failed), or Kafka's
 * own fatal error. Thread-safe; listeners run on the Kafka thread that failed, once.
 */
final class FailureWatch implements ExitGuard.FatalListener {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    /** Below this much free space the data directory counts as full (Kafka needs room for index files). */
    static final long LOW_SPACE_BYTES = 1024 * 1024;

    private final Path dataDir;
    private final AtomicReference<BrokerException> failure = new AtomicReference<>();
    private final List<Consumer<BrokerException>> listeners = new CopyOnWriteArrayList<>();

    FailureWatch(Path dataDir) {
        this.dataDir = dataDir;
    }

    Optional<BrokerException> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Calls {@code listener} once when this broker fails; at once if it already has. */
    void onFailure(Consumer<BrokerException> listener) {
        listeners.add(listener);
        BrokerException f = failure.get();
        if (f != null && listeners.remove(listener)) {
            listener.accept(f);
        }
    }

    @Override
    public void fatal(String kind, int status, String message, int openBrokers) {
        Optional<String> diskProblem = diskProblem();
        if (diskProblem.isEmpty() && openBrokers > 1) {
            return; // another embedded broker in this JVM (tests): its own watch will recognise it
        }
        String sentence = diskProblem.map(p -> "The embedded broker stopped: " + p + ". Free space or fix the folder"
                        + " (or choose another with --data-dir), then start again.")
                .orElseGet(() -> "The embedded Kafka broker stopped after a fatal error (" + kind + " " + status
                        + (message == null || message.isBlank() ? "" : ": " + message)
                        + "). Start again, and check the log if it happens again.");
        BrokerException e = new BrokerException(sentence);
        if (!failure.compareAndSet(null, e)) {
            return;
        }
        LOG.error(sentence);
        for (Consumer<BrokerException> l : listeners) {
            if (listeners.remove(l)) {
                try {
                    l.accept(e);
                } catch (RuntimeException ex) {
                    LOG.warn("A listener of the embedded broker's failure failed", ex);
                }
            }
        }
    }

    /** What is wrong with the data directory, if anything: no space, or it cannot be written. */
    Optional<String> diskProblem() {
        try {
            if (Files.getFileStore(dataDir).getUsableSpace() < LOW_SPACE_BYTES) {
                return Optional.of("no space left on device in " + dataDir);
            }
            Path probe = Files.createTempFile(dataDir, ".paypulse-write-check", ".tmp");
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(DiskErrors.isDiskFull(e) ? "no space left on device in " + dataDir
                    : "its data directory " + dataDir + " cannot be written (" + e.getMessage() + ")");
        }
    }
}
