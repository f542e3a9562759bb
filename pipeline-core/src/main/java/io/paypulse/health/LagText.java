package io.paypulse.health;

import java.util.List;
import java.util.Locale;

/**
 * The words for a {@link LagReport}, the same wherever lag is shown (the app's tile, the command
 * line): a headline number ("12,400 (8.2 s)") and a line that says which partition is behind or that
 * the processor is caught up.
 */
public final class LagText {

    /**
     * Below this age of the oldest unprocessed record a processor is "keeping up": with a commit
     * interval of 100 ms (and 30 s at the Streams default: then this reads "behind", which it is for
     * results) some records are always between fetch and commit.
     */
    public static final long KEEPING_UP_MS = 1000;
    /** More partitions behind than this are counted, not listed (the tile is one short line). */
    static final int MAX_LISTED = 4;

    private LagText() {
    }

    /** "12,400 (8.2 s)", "0" when caught up, "12,400" when the age is unknown, "–" when nothing is known. */
    public static String value(LagReport r) {
        if (r == null || !r.reachable() || r.rows().isEmpty()) {
            return "–";
        }
        long records = r.records();
        if (records == 0) {
            return "0";
        }
        long ms = r.lagMillis();
        return ms < 0 ? count(records) : count(records) + " (" + age(ms) + ")";
    }

    /**
     * "partition 2 behind", "partitions 0, 2 behind (most: 2, 8.2 s)", "7 of 12 partitions behind (most:
     * 3, 8.2 s)", "keeping up: nothing has waited 1 s", "caught up on all 3 partitions", or the reason
     * nothing is known, in one sentence.
     */
    public static String detail(LagReport r) {
        if (r == null) {
            return "not sampled yet";
        }
        if (!r.reachable()) {
            return r.problem();
        }
        if (r.rows().isEmpty()) {
            return "'" + r.topic() + "' has no partitions";
        }
        List<PartitionLagRow> behind = r.behindRows();
        String prefix = r.committed() ? "" : "nothing committed yet by '" + r.group() + "': ";
        if (behind.isEmpty()) {
            return prefix + (r.rows().size() == 1 ? "caught up" : "caught up on all " + r.rows().size() + " partitions");
        }
        PartitionLagRow worst = r.behind().orElseThrow();
        if (r.committed() && r.lagMillis() >= 0 && r.lagMillis() < KEEPING_UP_MS) {
            // A running processor always has the records since its last commit in flight.
            return "keeping up: nothing has waited 1 s";
        }
        if (behind.size() == 1) {
            return prefix + "partition " + worst.partition() + " behind";
        }
        String most = " (most: " + worst.partition() + (worst.lagMillis() >= 0 ? ", " + age(worst.lagMillis()) : "") + ")";
        if (behind.size() > MAX_LISTED) {
            return prefix + behind.size() + " of " + r.rows().size() + " partitions behind" + most;
        }
        StringBuilder list = new StringBuilder();
        for (PartitionLagRow p : behind) {
            list.append(list.isEmpty() ? "" : ", ").append(p.partition());
        }
        return prefix + "partitions " + list + " behind" + most;
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "850 ms", "8.2 s", "4 min 10 s", "3 h 05 min". */
    public static String age(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
