package io.paypulse.cli;

import io.paypulse.config.ConfigException;
import io.paypulse.config.ConfigKeys;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.files.DiskErrors;
import io.paypulse.files.FileModes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The data directory: checked before anything starts ({@link #requireUsable}), and wiped by {@code --fresh}
 * (only what PayPulse keeps there).
 */
final class DataDir {

    private static final String[] OURS = {"kafka", "streams", "output", "kafka.lock"};

    private DataDir() {
    }

    /**
     * Creates the data directory, the processor's state folder and (with sinks) the output directory if
     * missing, with the private folder mode, and proves each writable with a probe file; so an unusable
     * folder is one sentence before Kafka Streams or the broker starts, not a stack trace from inside them.
     *
     * @throws ConfigException naming the folder, what is wrong with it and the setting to change
     */
    static void requireUsable(PayPulseConfig config, FileModes modes) {
        Path data = config.dataDir();
        requireWritable(data, "data directory", "--data-dir (setting " + ConfigKeys.DATA_DIR + ")", modes);
        requireWritable(data.resolve("streams"), "processor state folder", "--data-dir (setting " + ConfigKeys.DATA_DIR
                + ")", modes);
        if (config.processor().sinks()) {
            requireWritable(config.outputDir(), "output directory", "--output-dir (setting " + ConfigKeys.OUTPUT_DIR + ")",
                    modes);
        }
    }

    private static void requireWritable(Path dir, String what, String change, FileModes modes) {
        String problem;
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                problem = "it is a file, not a folder";
            } else {
                modes.createDirectories(dir);
                Path probe = Files.createTempFile(dir, ".paypulse-write-check", ".tmp");
                Files.delete(probe);
                return;
            }
        } catch (FileSystemException e) {
            problem = describe(e, dir);
        } catch (IOException e) {
            problem = DiskErrors.isDiskFull(e) ? "the disk is full" : String.valueOf(e.getMessage());
        } catch (SecurityException e) {
            problem = "permission denied";
        }
        throw new ConfigException("Cannot use " + dir + " as the " + what + ": " + problem
                + ". Make it a writable folder or choose another with " + change + ".");
    }

    /** The operating system's reason in a few plain words, naming the path only when it is another one. */
    private static String describe(FileSystemException e, Path dir) {
        String reason = e.getReason() == null ? "" : e.getReason();
        String what;
        if (e instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException
                || reason.contains("Not a directory")) {
            what = "a part of the path is a file, not a folder";
        } else if (DiskErrors.isDiskFull(e)) {
            what = "the disk is full";
        } else if (reason.isEmpty()) {
            what = e.getClass().getSimpleName();
        } else {
            what = Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
        }
        String file = e.getFile();
        return file == null || Path.of(file).equals(dir) ? what : what + " (" + file + ")";
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
