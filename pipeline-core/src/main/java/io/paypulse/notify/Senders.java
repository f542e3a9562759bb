package io.paypulse.notify;

import java.net.http.HttpClient;
import java.time.Duration;

/** The HTTP senders of webhook, Slack and Teams contact points. */
public final class Senders {

    /** How long to wait for a connection; a receiver slower than that is treated as down (retried). */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long to wait for an answer to one POST. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    // One client for every sender: its selector thread and connection pool are shared.
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Senders() {
    }

    /**
     * The sender of a webhook, Slack or Teams contact point.
     *
     * @throws IllegalArgumentException for a desktop contact point: the app supplies that sender
     */
    public static Sender forContactPoint(ContactPoint contactPoint) {
        return new HttpSender(contactPoint, BodyFormat.of(contactPoint.kind()), CLIENT, REQUEST_TIMEOUT);
    }
}
