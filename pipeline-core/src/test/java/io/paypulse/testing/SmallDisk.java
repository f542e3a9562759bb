package io.paypulse.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system for disk-full tests: a tmpfs of a few MiB mounted on a test folder (needs root
 * and permission to mount, as on CI). {@link #fill()} takes every free byte with a filler file and
 * {@link #free()} deletes it, so code under test meets a genuine ENOSPC ("No space left on device").
 */
public final class SmallDisk implements AutoCloseable {

    private final Path mountPoint;
    private final Path filler;
    private boolean mounted;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler.bin");
    }

    /** Mounts a tmpfs of {@code sizeKb} KiB on {@code mountPoint} (created if missing). */
    public static SmallDisk mount(Path mountPoint, int sizeKb) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        SmallDisk disk = new SmallDisk(mountPoint);
        int rc = run("mount", "-t", "tmpfs", "-o", "size=" + sizeKb + "k,mode=0755", "tmpfs", mountPoint.toString());
        if (rc != 0) {
            throw new IOException("mount -t tmpfs failed with exit code " + rc + " (needs root and mount permission)");
        }
        disk.mounted = true;
        return disk;
    }

    /** Whether this machine lets the tests mount a tmpfs (root with CAP_SYS_ADMIN), checked once. */
    public static synchronized boolean available(Path scratch) {
        try (SmallDisk probe = mount(scratch.resolve("tmpfs-probe"), 64)) {
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Path path() {
        return mountPoint;
    }

    /** Writes a filler file until the file system refuses another byte; returns the bytes it took. */
    public long fill() throws IOException {
        long taken = 0;
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        try (FileChannel ch = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (true) {
                chunk.clear();
                try {
                    int n = ch.write(chunk);
                    if (n == 0) {
                        return taken;
                    }
                    taken += n;
                } catch (IOException full) {
                    if (String.valueOf(full.getMessage()).contains("No space left")) {
                        return taken;
                    }
                    throw full;
                }
            }
        }
    }

    /** Deletes the filler file: the space is free again. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    public long usableSpace() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (mounted) {
            mounted = false;
            int rc = run("umount", "-l", mountPoint.toString());
            if (rc != 0) {
                throw new IOException("umount " + mountPoint + " failed with exit code " + rc);
            }
        }
    }

    private static int run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
