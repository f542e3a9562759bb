package io.paypulse.app.session;

import java.util.function.Consumer;

/** Opens a session; blocking (broker start, topic checks), so called on a background thread. */
@FunctionalInterface
public interface SessionFactory {

    /**
     * @param progress receives short sentences while starting ("Broker ready on … in 2.9 s")
     * @throws RuntimeException whose message is one plain sentence for the user
     */
    Session open(ConnectionRequest request, Consumer<String> progress);
}
