package io.paypulse.sink;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Appends CSV rows to one file. Rows are buffered and handed to the file only whole, so a reader of the
 * live file sees complete rows; {@link #sync()} writes the buffer and fsyncs. Not thread-safe.
 */
final class CsvWriter implements Closeable {

    static final int BUFFER_BYTES = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private byte[] buffer = new byte[4096];
    private int buffered;
    private long length;
    private CsvRow scratch;

    private CsvWriter(Path path, FileChannel channel, long length) {
        this.path = path;
        this.channel = channel;
        this.length = length;
    }

    /** Creates (or replaces) {@code path} with the given creation attributes (its mode) and writes the header row. */
    static CsvWriter create(Path path, List<String> header, FileAttribute<?>... attributes) throws IOException {
        FileChannel ch = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), attributes);
        CsvWriter w = new CsvWriter(path, ch, 0);
        w.write(header);
        return w;
    }

    /**
     * Opens an existing file to append after its first {@code length} bytes; anything beyond them is cut
     * off first, so the file holds exactly what was committed before.
     */
    static CsvWriter append(Path path, long length) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (ch.size() > length) {
                ch.truncate(length);
            }
            ch.position(length);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new CsvWriter(path, ch, length);
    }

    Path path() {
        return path;
    }

    /** Appends one row of {@code cells} (quoted where needed, CRLF added). */
    void write(List<String> cells) throws IOException {
        if (scratch == null) {
            scratch = new CsvRow();
        }
        scratch.clear();
        scratch.line(cells);
        write(scratch);
    }

    /** Appends a complete row (CRLF included). */
    void write(CsvRow row) throws IOException {
        byte[] bytes = row.bytes();
        int count = row.length();
        if (buffered + count > BUFFER_BYTES) {
            drain();
        }
        if (count > BUFFER_BYTES) {
            writeFully(bytes, count);
        } else {
            if (buffered + count > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(BUFFER_BYTES, Math.max(buffer.length * 2, buffered + count)));
            }
            System.arraycopy(bytes, 0, buffer, buffered, count);
            buffered += count;
        }
        length += count;
    }

    /** Bytes of this file including rows still buffered. */
    long length() {
        return length;
    }

    /** Writes buffered rows and forces them to the storage device. */
    void sync() throws IOException {
        drain();
        channel.force(false);
    }

    /** Syncs and closes. */
    @Override
    public void close() throws IOException {
        try {
            sync();
        } finally {
            channel.close();
        }
    }

    /**
     * Closes the file without writing what is still buffered: after a failed write the sink puts the file back
     * to its checkpointed length and writes those rows again later.
     */
    void abandon() throws IOException {
        buffered = 0;
        channel.close();
    }

    private void drain() throws IOException {
        if (buffered > 0) {
            writeFully(buffer, buffered);
            buffered = 0;
        }
    }

    private void writeFully(byte[] bytes, int count) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, count);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }
}
