package io.paypulse.dlq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which dead letters a re-drive will send, counted before anything is sent so the user can confirm the
 * number: either named records, or every record of a filter over a fixed range of the DLQ (counted in
 * a first pass, sent in a second pass over the same range, so the count is what is sent). Dead letters
 * that cannot be re-driven ({@link DlqRecord#whyNotRedrivable()}) are counted apart, with their reasons.
 */
public final class RedrivePlan {

    /** Kinds of refusal kept (each with its count); more kinds are counted only in {@link #skipped()}. */
    private static final int KINDS_KEPT = 5;

    private final List<DlqRecord> records;
    private final DlqFilter filter;
    private final DeadLetterQueue.Range range;
    private long count;
    private long skipped;
    private final Map<String, Long> skippedBecause = new LinkedHashMap<>();

    private RedrivePlan(List<DlqRecord> records, DlqFilter filter, DeadLetterQueue.Range range) {
        this.records = records;
        this.filter = filter;
        this.range = range;
    }

    /** The given records (e.g. the rows a user selected). */
    public static RedrivePlan of(List<DlqRecord> chosen) {
        RedrivePlan p = new RedrivePlan(new ArrayList<>(), null, null);
        for (DlqRecord r : chosen) {
            String why = r.whyNotRedrivable();
            if (why == null) {
                p.records.add(r);
                p.count++;
            } else {
                p.skip(why);
            }
        }
        return p;
    }

    /** Every dead letter {@code filter} matches, up to the DLQ's end now (blocks: reads the DLQ once). */
    public static RedrivePlan matching(DeadLetterQueue dlq, DlqFilter filter) {
        RedrivePlan p = new RedrivePlan(null, filter, dlq.range(filter.since()));
        dlq.scan(p.range, r -> {
            if (filter.matches(r)) {
                String why = r.whyNotRedrivable();
                if (why == null) {
                    p.count++;
                } else {
                    p.skip(why);
                }
            }
        });
        return p;
    }

    /** Dead letters that will be re-driven. */
    public long count() {
        return count;
    }

    /** Dead letters selected that cannot be re-driven. */
    public long skipped() {
        return skipped;
    }

    /** Why, by kind of refusal (the sentence without the letter's own position), with how many. */
    public Map<String, Long> skippedBecause() {
        return Map.copyOf(skippedBecause);
    }

    /** "3 dead letters" / "1 dead letter". */
    public String what() {
        return count + (count == 1 ? " dead letter" : " dead letters");
    }

    /** Sends the planned records with {@code redriver} (reading the DLQ again for a filter); returns how many were acknowledged. */
    public int execute(DeadLetterQueue dlq, Redriver redriver) {
        if (records != null) {
            records.forEach(redriver::send);
        } else {
            dlq.scan(range, r -> {
                if (filter.matches(r)) {
                    redriver.send(r); // a refusal returns its sentence and sends nothing; counted above
                }
            });
        }
        return redriver.finish();
    }

    private void skip(String why) {
        skipped++;
        String kind = why.replaceFirst("^dead letter \\d+/\\d+ ", "");
        if (skippedBecause.containsKey(kind) || skippedBecause.size() < KINDS_KEPT) {
            skippedBecause.merge(kind, 1L, Long::sum);
        }
    }
}
