package io.paypulse.app.dashboard;

import java.time.Instant;

/** One sample of the throughput/lag history: events/s and processor lag (-1 unknown). */
public record HistoryPoint(Instant at, double eventsPerSecond, long lag) {
}
