package io.paypulse.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.paypulse.event.serde.Json;
import java.util.List;
import java.util.Locale;

/**
 * The generic webhook's body, one shape for every message (documented in the README):
 * <pre>{"type": "alert" | "digest" | "test", "summary": "one plain line", "count": N,
 *  "alerts": [Notice, ...]}</pre>
 * {@code count} is how many alert updates the message stands for; {@code alerts} lists them (a digest
 * lists at most {@value BodyFormat#LISTED}). A receiver dedupes by {@code (alertId, state)}.
 */
final class WebhookBody implements BodyFormat {

    /** The JSON body, as a record so the field order is fixed. */
    record Body(String type, String summary, int count, List<Notice> alerts) {
    }

    @Override
    public String body(Message message) {
        List<Notice> listed = message.notices().size() > LISTED ? message.notices().subList(0, LISTED)
                : message.notices();
        try {
            return Json.MAPPER.writeValueAsString(new Body(message.type().name().toLowerCase(Locale.ROOT),
                    message.summary(), message.alertCount(), listed));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notice cannot be written as JSON", e);
        }
    }
}
