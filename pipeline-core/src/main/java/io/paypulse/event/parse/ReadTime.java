package io.paypulse.event.parse;

/**
 * The "now" a raw record is judged against (events from the future are rejected, and an event moves
 * its partition's progress at most this far, plus the grace): the record's own timestamp, i.e. when
 * the producer sent it, unless that lies ahead of the reader's clock (a producer clock running ahead,
 * or a producer that stamps records with their event time). The processor and the parsed CSV sink
 * read the same records at different moments and must decide alike, also when a backlog or a replay
 * is read hours later: for any record stamped before both read it, this is the record's timestamp.
 */
public final class ReadTime {

    private ReadTime() {
    }

    /**
     * @param recordTimestampMs the record's timestamp, or a negative value when it has none
     * @param wallMs            the reader's wall clock
     */
    public static long of(long recordTimestampMs, long wallMs) {
        return recordTimestampMs < 0 ? wallMs : Math.min(recordTimestampMs, wallMs);
    }
}
