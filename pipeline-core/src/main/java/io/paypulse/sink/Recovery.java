package io.paypulse.sink;

import io.paypulse.files.FileModes;
import io.paypulse.files.Fsync;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a sink's output directory back to the state of its checkpoint before the sink resumes: rows and
 * torn tails written after the checkpoint are cut off, files created after it are deleted.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Recovery() {
    }

    /**
     * Truncates every file of the checkpoint to its recorded length and deletes files matching
     * {@code names} that the checkpoint does not list (they were created after it). A listed file that
     * has disappeared is forgotten (someone removed or archived it). A listed file shorter than recorded
     * cannot be repaired and is an error.
     *
     * @return the checkpoint, without the files that no longer exist
     */
    static Checkpoint restore(Path dir, Pattern names, Checkpoint cp) throws IOException {
        Map<String, Long> kept = new TreeMap<>();
        for (Map.Entry<String, Long> e : cp.files().entrySet()) {
            Path file = dir.resolve(e.getKey());
            long recorded = e.getValue();
            if (!Files.isRegularFile(file)) {
                LOG.warn("{} is listed in the {} checkpoint but no longer exists; it will be recreated only if new rows belong in it",
                        file, cp.sink());
                continue;
            }
            long size = Files.size(file);
            if (size < recorded) {
                throw new IllegalStateException(file + " has " + size + " bytes but the " + cp.sink() + " sink had made "
                        + recorded + " bytes durable; it was changed outside PayPulse. Move it away or delete the checkpoint "
                        + "to rebuild the files from the topic.");
            }
            if (size > recorded) {
                LOG.info("Cutting {} from {} to {} bytes: rows written after the last checkpoint will be written again",
                        file, size, recorded);
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(recorded);
                    ch.force(true);
                }
            }
            kept.put(e.getKey(), recorded);
        }
        for (Path file : matching(dir, names)) {
            if (!kept.containsKey(file.getFileName().toString())) {
                LOG.info("Deleting {}: created after the last checkpoint of the {} sink, its rows will be written again",
                        file, cp.sink());
                Files.delete(file);
            }
        }
        Fsync.directory(dir);
        return cp.withFiles(kept);
    }

    /**
     * Without a checkpoint the sink rebuilds everything from the beginning of the topic, so files matching
     * {@code names} are replaced. They are moved into {@code replaced-<sink>-<time>/} rather than deleted:
     * they may hold rows the topic no longer has (retention).
     *
     * @return the folder they were moved to, if there were any
     */
    static Optional<Path> setAside(Path dir, Pattern names, String sink, Instant now) throws IOException {
        return setAside(dir, names, sink, now, FileModes.PRIVATE);
    }

    static Optional<Path> setAside(Path dir, Pattern names, String sink, Instant now, FileModes modes) throws IOException {
        Optional<Aside> aside = moveAside(dir, names, sink, now, modes);
        aside.ifPresent(a -> LOG.warn("No checkpoint for the {} sink in {}: rebuilding from the beginning of the topic; {} existing "
                + "file(s) moved to {}", sink, dir, a.files(), a.folder()));
        return aside.map(Aside::folder);
    }

    /** Files moved into {@code folder} by {@link #moveAside}. */
    record Aside(Path folder, int files) {
    }

    /** As {@link #setAside}, without a log line: the caller says why. */
    static Optional<Aside> moveAside(Path dir, Pattern names, String sink, Instant now, FileModes modes) throws IOException {
        List<Path> files = matching(dir, names);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        Path target = dir.resolve("replaced-" + sink + "-" + STAMP.format(now));
        modes.createDirectories(target);
        for (Path f : files) {
            Files.move(f, target.resolve(f.getFileName()));
        }
        Fsync.directory(dir);
        return Optional.of(new Aside(target, files.size()));
    }

    private static List<Path> matching(Path dir, Pattern names) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (names.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }
}
