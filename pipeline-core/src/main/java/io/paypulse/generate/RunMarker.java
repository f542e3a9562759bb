package io.paypulse.generate;

import io.paypulse.files.AtomicFiles;
import io.paypulse.files.FileModes;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A bounded run in progress, kept in the data directory from its start until it finishes, so that a
 * restart of the same run resumes it (see {@link AlreadySent}) and a different run refuses rather
 * than mixing two runs on one topic.
 *
 * @param seed       the seed of the run's sequence (chosen at the first start if none was given)
 * @param events     how many events the run sends
 * @param scenario   its scenario
 * @param baseOffsets end offsets of the raw topic's partitions when the run first started: the
 *                   run's records are those at or after these
 */
public record RunMarker(long seed, long events, String scenario, Map<Integer, Long> baseOffsets) {

    public static final String FILE = "run-in-progress.properties";

    public RunMarker {
        baseOffsets = Map.copyOf(baseOffsets);
    }

    /** Whether a run asked for with these settings is this run ({@code seed} null: any seed). */
    public boolean sameRun(Long seed, long events, String scenario) {
        return (seed == null || seed == this.seed) && events == this.events && scenario.equals(this.scenario);
    }

    /** The marker in {@code dataDir}, if a run is in progress there. */
    public static Optional<RunMarker> read(Path dataDir) {
        Path f = dataDir.resolve(FILE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
            Map<Integer, Long> base = new HashMap<>();
            for (String k : p.stringPropertyNames()) {
                if (k.startsWith("base.")) {
                    base.put(Integer.parseInt(k.substring(5)), Long.parseLong(p.getProperty(k)));
                }
            }
            return Optional.of(new RunMarker(Long.parseLong(p.getProperty("seed")),
                    Long.parseLong(p.getProperty("events")), p.getProperty("scenario"), base));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The run marker " + f + " is unreadable (" + e.getMessage()
                    + "); add --fresh to start over.", e);
        }
    }

    /** Writes the marker atomically (a crash leaves the old one or the new one). */
    public void write(Path dataDir) {
        Properties p = new Properties();
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("events", Long.toString(events));
        p.setProperty("scenario", scenario);
        baseOffsets.forEach((k, v) -> p.setProperty("base." + k, Long.toString(v)));
        try {
            StringWriter text = new StringWriter();
            p.store(text, "paypulse run in progress; deleted when it finishes");
            Files.createDirectories(dataDir);
            AtomicFiles.write(dataDir.resolve(FILE), text.toString().getBytes(StandardCharsets.UTF_8), FileModes.PRIVATE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run finished: the next run on this data directory is a new one. */
    public static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
