package io.paypulse.app.notify;

/**
 * One line of the Notifications window: a contact point, where it delivers (scheme and host only:
 * the path and headers may hold tokens), the routes that feed it and how delivery went.
 */
public record ContactPointRow(String name, String type, String destination, String routes, String lastDelivery,
                              String lastError) {
}
