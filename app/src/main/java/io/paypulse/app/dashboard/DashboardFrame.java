package io.paypulse.app.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the charts draw in one tick, computed by the view model: the x range in epoch minutes
 * (see {@link ChartWindow}), the decimated lines, the threshold lines and the throughput/lag history.
 * Immutable.
 *
 * @param range       the preset the range matches, or null after a zoom
 * @param historyNote what the history backfill is doing, or null
 */
public record DashboardFrame(
        Instant now,
        double xLower,
        double xUpper,
        boolean live,
        TimeRange range,
        Map<ChartSeries, SeriesLine> lines,
        List<Threshold> thresholds,
        List<HistoryPoint> history,
        String historyNote) {

    public static DashboardFrame empty(Instant now) {
        ChartWindow w = ChartWindow.live(DashboardViewModel.DEFAULT_RANGE.minutes(), now.getEpochSecond() / 60.0);
        return new DashboardFrame(now, w.lower(), w.upper(), true, DashboardViewModel.DEFAULT_RANGE, Map.of(),
                List.of(), List.of(), null);
    }

    public SeriesLine line(ChartSeries s) {
        return lines.getOrDefault(s, SeriesLine.EMPTY);
    }
}
