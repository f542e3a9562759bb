package io.paypulse.app.events;

import io.paypulse.investigate.EventsQuery;

/** Where an Events window reads from: a new query of the connected cluster's raw topic per search. */
@FunctionalInterface
public interface EventsSource {

    /**
     * Called off the FX thread; the caller closes the query.
     *
     * @throws io.paypulse.investigate.EventsException with one sentence when there is nothing to read
     *         (no session: "press Start first")
     */
    EventsQuery open();
}
