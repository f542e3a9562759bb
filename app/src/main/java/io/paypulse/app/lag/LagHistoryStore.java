package io.paypulse.app.lag;

import io.paypulse.files.AtomicFiles;
import io.paypulse.files.FileModes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's lag over the last {@link #KEEP} (7 days), in memory and in an append-only text file
 * ({@code lag-history.csv} in the data directory: {@code epochMillis,records,lagMillis,partition} per
 * line, about 30 bytes), so the lag chart survives an app restart.
 *
 * <p>Opening reads the file, drops points older than 7 days and cuts a torn last line (the app killed
 * mid-write) so the next append starts on a line of its own. Appends are plain writes (no fsync: a
 * lost last point costs nothing); points older than 7 days leave memory at once and the file when it
 * is rewritten (atomically, at most once an hour). Memory is bounded: 7 days at one point per
 * {@link LagViewModel#STEP} is about 120,000 small records. Thread-safe; blocking file I/O, so
 * never call it on the FX thread. A disk error is logged once and the history goes on in memory.
 */
public final class LagHistoryStore implements AutoCloseable {

    public static final Duration KEEP = Duration.ofDays(7);
    public static final String FILE = "lag-history.csv";
    /** The file may hold this much more than {@link #KEEP} before it is rewritten. */
    static final Duration REWRITE_SLACK = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(LagHistoryStore.class);

    private final Path file;
    private final Clock clock;
    private final Deque<LagPoint> points = new ArrayDeque<>();
    private long oldestInFileMs = Long.MAX_VALUE;
    private FileChannel out;
    private boolean failed;

    private LagHistoryStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** Opens (creating the folder and file when missing) and loads the last 7 days. */
    public static LagHistoryStore open(Path file, Clock clock) {
        LagHistoryStore s = new LagHistoryStore(file, clock);
        s.load();
        return s;
    }

    private void load() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // owner-only like the rewrite (AtomicFiles) makes it, so the mode does not change an hour later
            out = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), FileModes.PRIVATE.fileAttributes());
            long size = out.size();
            ByteBuffer all = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE - 8));
            while (all.hasRemaining() && out.read(all, all.position()) > 0) {
                // read(buffer, position) does not move the channel; keep reading until full
            }
            all.flip();
            byte[] bytes = new byte[all.remaining()];
            all.get(bytes);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--; // a torn last line: the app died in the middle of writing it
            }
            if (end != bytes.length) {
                LOG.info("Lag history: dropped a torn last line ({} bytes) in {}", bytes.length - end, file);
                out.truncate(end);
            }
            long from = clock.millis() - KEEP.toMillis();
            int bad = 0;
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                LagPoint p = LagPoint.parse(line.strip());
                if (p == null) {
                    bad++;
                    continue;
                }
                oldestInFileMs = Math.min(oldestInFileMs, p.atMs());
                if (p.atMs() >= from) {
                    points.addLast(p);
                }
            }
            if (bad > 0) {
                LOG.info("Lag history: skipped {} unreadable lines in {}", bad, file);
            }
            out.position(out.size());
            rewriteIfStale();
        } catch (IOException e) {
            fail("could not be read", e);
        }
    }

    /** Adds a point (the newest) and writes it to the file; drops what is older than 7 days. */
    public synchronized void append(LagPoint p) {
        points.addLast(p);
        prune();
        if (out != null && !failed) {
            try {
                ByteBuffer b = ByteBuffer.wrap(p.line().getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) {
                    out.write(b);
                }
                oldestInFileMs = Math.min(oldestInFileMs, p.atMs());
                rewriteIfStale();
            } catch (IOException e) {
                fail("could not be written", e);
            }
        }
    }

    /** Points at or after {@code fromMs}, oldest first (a copy). */
    public synchronized List<LagPoint> since(long fromMs) {
        List<LagPoint> out = new ArrayList<>();
        for (var it = points.descendingIterator(); it.hasNext(); ) {
            LagPoint p = it.next();
            if (p.atMs() < fromMs) {
                break;
            }
            out.add(p);
        }
        Collections.reverse(out);
        return out;
    }

    public synchronized int size() {
        return points.size();
    }

    /** The newest point, or null. */
    public synchronized LagPoint last() {
        return points.peekLast();
    }

    public Path file() {
        return file;
    }

    private void prune() {
        long from = clock.millis() - KEEP.toMillis();
        while (!points.isEmpty() && points.peekFirst().atMs() < from) {
            points.removeFirst();
        }
    }

    /** Rewrites the file with only the kept points once it holds more than an hour of expired ones. */
    private void rewriteIfStale() throws IOException {
        prune();
        if (oldestInFileMs >= clock.millis() - KEEP.toMillis() - REWRITE_SLACK.toMillis()) {
            return;
        }
        StringBuilder text = new StringBuilder(points.size() * 32);
        points.forEach(p -> text.append(p.line()));
        out.close();
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8), FileModes.PRIVATE);
        out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        oldestInFileMs = points.isEmpty() ? Long.MAX_VALUE : points.peekFirst().atMs();
    }

    private void fail(String what, IOException e) {
        if (!failed) {
            LOG.warn("The lag history file {} {} ({}); lag history is kept in memory only until restart",
                    file, what, e.toString());
        }
        failed = true;
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.debug("Closing {}", file, e);
            }
            out = null;
        }
    }
}
