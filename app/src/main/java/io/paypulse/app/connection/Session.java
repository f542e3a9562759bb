package io.paypulse.app.connection;

import io.paypulse.app.feed.LiveData;
import io.paypulse.process.alert.AlertRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connected pipeline: the live data its feed writes, the generator if this app runs one, and
 * the rules in force (for threshold lines). {@link #close()} stops everything the session started
 * and blocks until done: call it off the FX thread.
 */
public interface Session extends AutoCloseable {

    LiveData data();

    Optional<GeneratorControl> generator();

    List<AlertRule> rules();

    /**
     * Client properties for more clients of the same cluster (bootstrap servers, security), e.g. the
     * alert feed's silences; a fresh mutable map. Empty when the session has no cluster to share.
     */
    default Map<String, Object> clientProperties() {
        return new java.util.HashMap<>();
    }

    /** e.g. "Embedded broker on localhost:41234". */
    String description();

    @Override
    void close();
}
