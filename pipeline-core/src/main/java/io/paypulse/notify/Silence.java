package io.paypulse.notify;

import io.paypulse.event.Alert;
import java.time.Instant;
import java.util.Objects;

/**
 * A time-boxed "do not deliver": alerts it matches are still recorded and shown, only not sent to
 * contact points. Value of the compacted topic {@code payment-silences} under key {@link #id()}; a
 * tombstone (null value) ends it early. It expires by itself at {@link #endsAt()}.
 *
 * @param rule       rule name, or {@link #ANY} for every rule
 * @param group      alert group (e.g. "payment/failed", a user id), or {@link #ANY}
 * @param createdBy  who made it (user name, "cli"), for the list
 */
public record Silence(String id, String rule, String group, Instant startsAt, Instant endsAt, String comment,
                      String createdBy) {

    public static final String ANY = "*";

    public Silence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("a silence must end after it starts");
        }
        comment = comment == null ? "" : comment;
        createdBy = createdBy == null ? "" : createdBy;
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean matches(Alert alert, Instant now) {
        return activeAt(now)
                && (rule.equals(ANY) || rule.equals(alert.rule()))
                && (group.equals(ANY) || group.equals(alert.group()));
    }
}
