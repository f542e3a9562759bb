package io.paypulse.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** --fresh: removes what PayPulse keeps in the data directory, and only that. */
final class DataDir {

    private static final String[] OURS = {"kafka", "streams", "output", "kafka.lock"};

    private DataDir() {
    }

    static void wipe(Path dataDir) {
        for (String name : OURS) {
            deleteTree(dataDir.resolve(name));
        }
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
