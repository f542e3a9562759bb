package io.paypulse.app.session;

import io.paypulse.alert.AlertRule;
import io.paypulse.app.feed.LiveData;
import io.paypulse.config.PayPulseConfig;
import java.util.List;
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
     * The configuration in force (servers, client properties, application id, rules file), for what
     * else runs against the same cluster (the app's notifier); empty for sessions without one (tests).
     */
    default Optional<PayPulseConfig> config() {
        return Optional.empty();
    }

    /** e.g. "Embedded broker on localhost:41234". */
    String description();

    @Override
    void close();
}
