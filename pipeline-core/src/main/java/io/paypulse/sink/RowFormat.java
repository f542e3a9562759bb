package io.paypulse.sink;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What makes one CSV output different from another: how to read a record value, which records
 * become rows, which file a row goes to, and its cells. Everything else (offsets, files, recovery)
 * is the same mechanism, {@link SinkLoop}.
 *
 * <p>{@link #read}, {@link #include}, {@link #fileName} and {@link #cells} may throw on a record they
 * cannot handle; the sink then logs and skips that record.
 */
interface RowFormat<T> {

    /** Short name: thread {@code csv-sink-<name>}, checkpoint {@code .paypulse-sink-<name>.checkpoint}. */
    String name();

    /** The pipeline topic this format is for. */
    String topic();

    T read(String topic, byte[] value);

    default boolean include(T record) {
        return true;
    }

    List<String> header();

    String fileName(T record);

    /** Names of every file this format can produce (and only those). */
    Pattern fileNames();

    /** The row; as many cells as {@link #header()}. */
    List<String> cells(T record);
}
