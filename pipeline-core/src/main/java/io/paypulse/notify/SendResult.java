package io.paypulse.notify;

/**
 * What one attempt to deliver a {@link Message} gave.
 *
 * @param status      HTTP status, or 0 when there was no HTTP answer (timeout, refused, desktop)
 * @param detail      one plain sentence for a failure (e.g. "HTTP 503 from hooks.example.com:443"),
 *                    empty when delivered; never contains a secret (the URL's path, header values)
 */
public record SendResult(Outcome outcome, int status, String detail) {

    public enum Outcome {
        /** The receiver accepted it (HTTP 2xx, or a desktop notification was shown). */
        DELIVERED,
        /** Worth trying again later: 5xx, 429, timeout, connection refused. */
        RETRY,
        /** Trying again will not help: another 4xx, a body the receiver refuses. */
        REJECTED
    }

    public SendResult {
        detail = detail == null ? "" : detail;
    }

    public static SendResult delivered(int status) {
        return new SendResult(Outcome.DELIVERED, status, "");
    }

    public static SendResult retry(int status, String detail) {
        return new SendResult(Outcome.RETRY, status, detail);
    }

    public static SendResult rejected(int status, String detail) {
        return new SendResult(Outcome.REJECTED, status, detail);
    }

    public boolean isDelivered() {
        return outcome == Outcome.DELIVERED;
    }
}
