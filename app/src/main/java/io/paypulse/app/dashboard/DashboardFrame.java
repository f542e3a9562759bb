package io.paypulse.app.dashboard;

import io.paypulse.app.feed.MinutePoint;
import java.time.Instant;
import java.util.List;

/**
 * Everything the charts draw in one tick, computed by the view model: x bounds in epoch minutes
 * (a sliding 60-minute range ending after the open minute), the minutes inside it, the threshold
 * lines and the throughput/lag history. Immutable.
 */
public record DashboardFrame(
        Instant now,
        double xLower,
        double xUpper,
        List<MinutePoint> minutes,
        List<Threshold> thresholds,
        List<HistoryPoint> history) {

    public static DashboardFrame empty(Instant now) {
        double upper = Math.floor(now.getEpochSecond() / 60.0) + 1;
        return new DashboardFrame(now, DashboardViewModel.lowerBound(upper), upper, List.of(), List.of(), List.of());
    }
}
