package io.paypulse.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;

/**
 * An exclusive OS lock on one file, so two PayPulse components of the same kind (in this process or
 * another) never use the same directory. The OS drops the lock when the process dies, so a lock file left
 * behind by a killed process is simply locked again. Callers word their own "busy" sentence.
 */
public final class ExclusiveFileLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private ExclusiveFileLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates {@code file} if missing (with {@code modes}) and tries to lock it without waiting.
     *
     * @return the held lock, or empty if another process or another holder in this JVM has it
     * @throws CannotOpenException if the file cannot be created or opened
     * @throws IOException         if the file opened but the OS refused to lock it
     */
    public static Optional<ExclusiveFileLock> tryAcquire(Path file, FileModes modes) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    modes.fileAttributes());
        } catch (IOException e) {
            throw new CannotOpenException(e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another holder in this JVM
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new ExclusiveFileLock(channel, lock));
    }

    /** Releases the lock and closes the file; the channel is closed even if the release fails. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static void closeQuietly(FileChannel channel, Exception primary) {
        try {
            channel.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    /** The lock file itself could not be created or opened (e.g. the directory is not writable). */
    public static final class CannotOpenException extends IOException {
        CannotOpenException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
