package io.paypulse.sink;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What makes one CSV output different from another: how to read a record, which records
 * become rows, which file a row goes to, and its cells. Everything else (offsets, files, recovery)
 * is the same mechanism, {@link SinkLoop}.
 *
 * <p>{@link #read}, {@link #include}, {@link #fileName}, {@link #cells} and {@link #row} may throw on a record they
 * cannot handle; the sink then logs and skips that record.
 */
interface RowFormat<T> {

    /** Short name: thread {@code csv-sink-<name>}, checkpoint {@code .paypulse-sink-<name>.checkpoint}. */
    String name();

    /** The pipeline topic this format is for. */
    String topic();

    /**
     * Topics an earlier version of this sink read. A checkpoint for one of them is not an error: the sink
     * sets the old files aside and rebuilds from {@link #topic()} (see {@link SinkLoop#open()}).
     */
    default Set<String> formerTopics() {
        return Set.of();
    }

    /** The record's value, or null when it makes no row and that is no error (a tombstone; see {@link #noRowMeansRejected}). */
    T read(ConsumerRecord<byte[], byte[]> record);

    /**
     * True when every record {@link #read} returns null for was rejected by the processor (which
     * dead-letters it with the reason): the sink counts those, and logs nothing per record.
     */
    default boolean noRowMeansRejected() {
        return false;
    }

    default boolean include(T record) {
        return true;
    }

    List<String> header();

    String fileName(T record);

    /** Names of every file this format can produce (and only those). */
    Pattern fileNames();

    /** The row; as many cells as {@link #header()}. */
    List<String> cells(T record);

    /**
     * Appends the row to {@code out}, CRLF included: the same bytes as {@link #cells} written by
     * {@link CsvWriter#write(List)}. A format the sink writes many rows of overrides this to encode its
     * cells without making them strings first.
     */
    default void row(T record, CsvRow out) {
        out.line(cells(record));
    }
}
