package io.paypulse.app.alerts;

import io.paypulse.app.session.Session;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.threads.Workers;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the alert feed what a session brings: the silences of its cluster and the inhibition of its
 * rules. {@link #attach} runs on the FX thread on each session change; Kafka clients are opened and
 * closed on the background executor, and a store opened for a session that has already gone is
 * closed instead of used.
 */
public final class SessionSilences implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionSilences.class);

    private final AlertsViewModel alerts;
    private final Clock clock;
    private final Executor background;
    private final Executor fx;
    private final Workers workers;
    private Session session;
    private TopicSilenceStore store;

    public SessionSilences(AlertsViewModel alerts, Clock clock, Executor background, Executor fx, Workers workers) {
        this.alerts = alerts;
        this.workers = workers;
        this.clock = clock;
        this.background = background;
        this.fx = fx;
    }

    /** The session now connected, or null. */
    public void attach(Session s) {
        session = s;
        alerts.useRules(s == null ? List.of() : s.rules());
        alerts.useSilences(SilenceStore.none());
        closeStore();
        if (s == null || s.config().isEmpty()) {
            return;
        }
        Map<String, Object> client = ClusterClients.base(s.config().get(), "paypulse-app-silences");
        background.execute(() -> {
            TopicSilenceStore opened;
            try {
                opened = TopicSilenceStore.open(client, clock, workers);
            } catch (RuntimeException e) {
                LOG.warn("Silences are not available for this cluster: {}", e.toString());
                return;
            }
            fx.execute(() -> {
                if (session == s) {
                    store = opened;
                    alerts.useSilences(opened);
                } else {
                    background.execute(opened::close);
                }
            });
        });
    }

    private void closeStore() {
        TopicSilenceStore old = store;
        store = null;
        if (old != null) {
            background.execute(old::close);
        }
    }

    @Override
    public void close() {
        session = null;
        closeStore();
    }
}
