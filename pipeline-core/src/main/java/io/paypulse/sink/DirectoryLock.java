package io.paypulse.sink;

import io.paypulse.files.FileModes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * An exclusive OS file lock on {@code .paypulse-sink-<name>.lock} in an output directory, so two sinks of
 * the same kind (in this process or another) never write the same files. The OS drops it if the process dies.
 */
final class DirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws SinkDirectoryBusyException if another sink of this kind holds the lock */
    static DirectoryLock acquire(Path dir, String sinkName) throws IOException {
        return acquire(dir, sinkName, FileModes.PRIVATE);
    }

    static DirectoryLock acquire(Path dir, String sinkName, FileModes modes) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(".paypulse-sink-" + sinkName + ".lock"),
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), modes.fileAttributes());
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null; // held in this JVM
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (l == null) {
            ch.close();
            throw new SinkDirectoryBusyException("Another CSV sink '" + sinkName + "' is already writing in " + dir
                    + "; stop it first or use another output directory.");
        }
        return new DirectoryLock(ch, l);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
