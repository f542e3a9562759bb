package io.paypulse.dlq;

import java.time.Instant;

/**
 * Which dead letters a list or a re-drive takes: written at or after {@code since} (null: all) and of
 * {@code category} (null: every category).
 */
public record DlqFilter(Instant since, DeadLetterCategory category) {

    public static final DlqFilter ALL = new DlqFilter(null, null);

    public boolean matches(DlqRecord r) {
        return (since == null || !r.timestamp().isBefore(since)) && (category == null || r.category() == category);
    }

    public DlqFilter withCategory(DeadLetterCategory c) {
        return new DlqFilter(since, c);
    }
}
