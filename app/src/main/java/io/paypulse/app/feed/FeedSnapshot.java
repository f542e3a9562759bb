package io.paypulse.app.feed;

import io.paypulse.event.Alert;
import java.time.Instant;
import java.util.List;

/**
 * An immutable copy of everything the views show, taken off the FX thread and handed to it in
 * one piece.
 *
 * @param minutes     up to 60 (+1 open) minutes, oldest first
 * @param alerts      alert buckets, newest first
 * @param totalEvents events counted in windows since the feed started reading (it starts an hour back)
 * @param dlqCount    records in the dead-letter topic
 * @param version     changes whenever the data changes, so renderers can skip identical ticks
 * @param feedError   last consumer problem in one sentence, or null
 * @param history     up to seven days of minutes (the live ones and the backfill), for the charts' ranges
 * @param historyNote what the history backfill is doing ("Loading history…"), or null when done
 */
public record FeedSnapshot(
        Instant takenAt,
        List<MinutePoint> minutes,
        List<Alert> alerts,
        long totalEvents,
        long dlqCount,
        ProbeSample probe,
        long version,
        String feedError,
        MinuteSeries history,
        String historyNote) {

    /** A snapshot whose history is just {@code minutes} (no backfill). */
    public FeedSnapshot(Instant takenAt, List<MinutePoint> minutes, List<Alert> alerts, long totalEvents, long dlqCount,
            ProbeSample probe, long version, String feedError) {
        this(takenAt, minutes, alerts, totalEvents, dlqCount, probe, version, feedError, MinuteSeries.of(minutes), null);
    }

    public static FeedSnapshot empty(Instant at) {
        return new FeedSnapshot(at, List.of(), List.of(), 0, 0, ProbeSample.NONE, 0, null);
    }
}
