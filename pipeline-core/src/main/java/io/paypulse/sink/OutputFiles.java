package io.paypulse.sink;

import java.io.Closeable;
import io.paypulse.files.FileModes;
import io.paypulse.files.Fsync;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The CSV files of one sink: the length of every file it has written, and at most {@code maxOpen}
 * open writers (least recently used is synced and closed first). A file it does not know yet is
 * created with the header row; a known one is reopened at its known length. Not thread-safe.
 */
final class OutputFiles implements Closeable {

    private final Path dir;
    private final List<String> header;
    private final int maxOpen;
    private final FileModes modes;
    private final SortedMap<String, Long> lengths;
    private final LinkedHashMap<String, CsvWriter> open = new LinkedHashMap<>(16, 0.75f, true);
    /** Files written since the last sync; their lengths in {@link #lengths} are updated at sync. */
    private final Set<String> unsynced = new HashSet<>();
    private CsvWriter lastWritten;
    private boolean created;

    OutputFiles(Path dir, List<String> header, Map<String, Long> knownLengths, int maxOpen) {
        this(dir, header, knownLengths, maxOpen, FileModes.PRIVATE);
    }

    OutputFiles(Path dir, List<String> header, Map<String, Long> knownLengths, int maxOpen, FileModes modes) {
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen must be at least 1");
        }
        this.dir = dir;
        this.header = List.copyOf(header);
        this.maxOpen = maxOpen;
        this.modes = modes;
        this.lengths = new TreeMap<>(knownLengths);
    }

    void append(String fileName, List<String> cells) throws IOException {
        append(fileName, CsvRow.of(cells));
    }

    /** Appends a complete row (CRLF included) to {@code fileName}. */
    void append(String fileName, CsvRow row) throws IOException {
        CsvWriter w = open.get(fileName);
        if (w == null) {
            w = openWriter(fileName);
        }
        w.write(row);
        // Rows come in runs per (hourly) file: note the file once per run, and its length at sync,
        // instead of a set and a sorted-map update per row (issue 11: both showed on the sink thread).
        if (w != lastWritten) {
            unsynced.add(fileName);
            lastWritten = w;
        }
    }

    /**
     * Makes every row appended so far durable (write, fsync, and fsync of the directory when files
     * were created) and returns the length of every file of this sink.
     */
    SortedMap<String, Long> sync() throws IOException {
        for (String name : unsynced) {
            CsvWriter w = open.get(name);
            if (w != null) {
                w.sync();
                lengths.put(name, w.length());
            }
        }
        unsynced.clear();
        lastWritten = null;
        if (created) {
            Fsync.directory(dir);
            created = false;
        }
        return Collections.unmodifiableSortedMap(new TreeMap<>(lengths));
    }

    int openCount() {
        return open.size();
    }

    /** Syncs and closes all open writers. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Iterator<CsvWriter> it = open.values().iterator(); it.hasNext(); ) {
            CsvWriter w = it.next();
            it.remove();
            try {
                w.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        unsynced.clear();
        lastWritten = null;
        if (first != null) {
            throw first;
        }
    }

    /**
     * Closes every writer without writing buffered rows or syncing: the files are about to be put back to the
     * last checkpoint. Errors while closing are ignored, since nothing more is written through these channels.
     */
    void abandon() {
        for (CsvWriter w : open.values()) {
            try {
                w.abandon();
            } catch (IOException ignored) {
                // the channel is unusable either way
            }
        }
        open.clear();
        unsynced.clear();
        lastWritten = null;
    }

    private CsvWriter openWriter(String fileName) throws IOException {
        while (open.size() >= maxOpen) {
            Iterator<Map.Entry<String, CsvWriter>> eldest = open.entrySet().iterator();
            Map.Entry<String, CsvWriter> e = eldest.next();
            eldest.remove();
            e.getValue().close(); // syncs, so the file no longer needs it at the next checkpoint
            lengths.put(e.getKey(), e.getValue().length());
            unsynced.remove(e.getKey());
            if (e.getValue() == lastWritten) {
                lastWritten = null;
            }
        }
        Path path = dir.resolve(fileName);
        Long known = lengths.get(fileName);
        CsvWriter w;
        if (known == null) {
            w = CsvWriter.create(path, header, modes.fileAttributes());
            created = true;
        } else {
            w = CsvWriter.append(path, known);
        }
        open.put(fileName, w);
        return w;
    }
}
