package io.paypulse.app.stack;

import java.util.ArrayDeque;
import java.util.Locale;

/**
 * The lines of the container log being shown: written by the Docker stream thread, read by the
 * tick thread. Bounded (oldest lines dropped), so following a chatty container for days is flat.
 */
final class LogBuffer {

    private final int max;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long version;
    private long renderedVersion = -1;
    private String renderedFilter;

    LogBuffer(int max) {
        this.max = max;
    }

    synchronized void add(String line) {
        if (lines.size() == max) {
            lines.removeFirst();
        }
        lines.addLast(line);
        version++;
    }

    synchronized void clear() {
        lines.clear();
        version++;
    }

    synchronized int size() {
        return lines.size();
    }

    /** The lines containing {@code filter} (case-insensitive), or null when nothing changed since the last call. */
    synchronized String snapshotIfChanged(String filter) {
        String f = filter == null ? "" : filter;
        if (version == renderedVersion && f.equals(renderedFilter)) {
            return null;
        }
        renderedVersion = version;
        renderedFilter = f;
        return text(f);
    }

    synchronized String text(String filter) {
        String f = filter == null ? "" : filter.toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            if (f.isEmpty() || l.toLowerCase(Locale.ROOT).contains(f)) {
                sb.append(l).append('\n');
            }
        }
        return sb.toString();
    }
}
