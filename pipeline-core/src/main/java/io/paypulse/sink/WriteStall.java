package io.paypulse.sink;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Why a CSV sink is not writing at the moment. The sink keeps its place (its checkpoint), cuts its files
 * back to whole rows, and retries by itself with a growing pause; the stall ends at its first checkpoint
 * after writing works again.
 *
 * @param sink     the sink's name: {@code parsed}, {@code aggregates} or {@code alerts}
 * @param dir      the output folder it cannot write to
 * @param diskFull true when the cause is a full disk (or an exhausted quota)
 * @param detail   the operating system's own words, e.g. {@code No space left on device}
 * @param since    when writing first failed
 */
public record WriteStall(String sink, Path dir, boolean diskFull, String detail, Instant since) {

    /** One sentence for a log, a health report or a status line. */
    public String sentence() {
        if (diskFull) {
            return "CSV sink '" + sink + "' cannot write to " + dir + ": the disk is full (" + detail
                    + "). It keeps its place and resumes by itself once space is freed there.";
        }
        return "CSV sink '" + sink + "' cannot write to " + dir + ": " + detail
                + ". It keeps its place and retries by itself until writing works again.";
    }
}
