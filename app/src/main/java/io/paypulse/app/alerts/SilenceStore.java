package io.paypulse.app.alerts;

import io.paypulse.notify.Silence;
import io.paypulse.notify.SilenceView;
import java.time.Instant;
import java.util.List;

/**
 * The silences the feed shows and the commands on them. {@link #active} is read on the FX thread
 * (it must be quick and thread-safe); {@link #add} and {@link #expire} block on the cluster and
 * run on a background executor.
 */
public interface SilenceStore extends SilenceView {

    /**
     * Writes the silence so every reader (the app, a headless processor) honours it.
     *
     * @return the silence as written (the store may give it another id)
     */
    Silence add(Silence silence) throws Exception;

    /** Ends the silence now. */
    void expire(String id) throws Exception;

    /** Whether silences can be written (a cluster is connected). */
    default boolean writable() {
        return true;
    }

    /** No cluster: nothing silenced, nothing can be. */
    static SilenceStore none() {
        return new SilenceStore() {
            @Override
            public List<Silence> active(Instant now) {
                return List.of();
            }

            @Override
            public Silence add(Silence silence) {
                throw new IllegalStateException("Connect to a cluster first: silences are kept in it.");
            }

            @Override
            public void expire(String id) {
                throw new IllegalStateException("Connect to a cluster first: silences are kept in it.");
            }

            @Override
            public boolean writable() {
                return false;
            }
        };
    }
}
