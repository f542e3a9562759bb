package io.paypulse.investigate;

import java.util.Locale;

/**
 * What an events query read: records {@code scanned} (all read from the topic), events {@code matched}
 * (kept by the filter), and {@code unparseable} records (the processor rejects them: they are in its
 * dead-letter topic, with the reason; the query skips them).
 */
public record QueryStats(long scanned, long matched, long unparseable) {

    public static final QueryStats NONE = new QueryStats(0, 0, 0);

    /** e.g. "42 events of 1,200 records read; 3 unparseable records skipped (see the dead-letter topic)". */
    public String summary() {
        String s = String.format(Locale.ROOT, "%,d event%s of %,d record%s read", matched,
                matched == 1 ? "" : "s", scanned, scanned == 1 ? "" : "s");
        if (unparseable > 0) {
            s += String.format(Locale.ROOT, "; %,d unparseable record%s skipped (see the dead-letter topic)",
                    unparseable, unparseable == 1 ? "" : "s");
        }
        return s;
    }
}
