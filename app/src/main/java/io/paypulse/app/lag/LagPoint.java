package io.paypulse.app.lag;

import io.paypulse.health.LagReport;
import java.util.Locale;

/**
 * One point of the lag history: when, records behind (-1 unknown: the cluster could not be asked or
 * the group never committed), age of the oldest unprocessed record in ms (-1 unknown) and the
 * partition furthest behind (-1 none). One line of {@link LagHistoryStore}'s file.
 */
public record LagPoint(long atMs, long records, long lagMillis, int partition) {

    public static LagPoint of(LagReport r) {
        if (!r.reachable() || !r.committed() || r.rows().isEmpty()) {
            return new LagPoint(r.at().toEpochMilli(), -1, -1, -1);
        }
        return new LagPoint(r.at().toEpochMilli(), r.records(), r.lagMillis(),
                r.behind().map(p -> p.partition()).orElse(-1));
    }

    public boolean known() {
        return records >= 0;
    }

    String line() {
        return String.format(Locale.ROOT, "%d,%d,%d,%d%n", atMs, records, lagMillis, partition);
    }

    /** The point on a line of the file, or null when the line is not one (torn, edited). */
    static LagPoint parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 4) {
            return null;
        }
        try {
            return new LagPoint(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                    Integer.parseInt(f[3]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
