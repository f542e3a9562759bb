package io.paypulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.paypulse.cli.Main;
import io.paypulse.testing.SmallDisk;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code paypulse run} whose data disk fills up under the embedded broker (a real 64 MiB tmpfs; needs root as
 * on CI): it used to hang at "waiting for the processor…" for minutes; now it ends promptly, exit 1, with one
 * sentence naming the cause and the folder.
 */
class RunDiskFullIT {

    @TempDir
    Path scratch;

    private SmallDisk disk;

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void aFullDataDiskEndsTheRunPromptlyWithOneSentence() throws Exception {
        assumeTrue(SmallDisk.available(scratch), "mounting a tmpfs needs root (CI runs as root)");
        disk = SmallDisk.mount(scratch.resolve("disk"), 64 * 1024);
        Path data = disk.path().resolve("data");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.execute(new PrintWriter(out, true),
                new PrintWriter(err, true), "run", "--events", "5000000", "--rate", "0", "--broker-port", "0",
                "--http-port", "0", "--data-dir", data.toString(), "--timeout", "240"));

        await("the pipeline runs").atMost(Duration.ofSeconds(90)).until(() -> out.toString().contains("Generator sending")
                || run.isDone());
        assertThat(run).isNotDone();
        disk.fill();
        long filled = System.nanoTime();

        int code = run.get(30, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - filled)).as("ends promptly").isLessThan(Duration.ofSeconds(20));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("paypulse: The embedded broker stopped: no space left on device in "
                + data + ". Free space or fix the folder (or choose another with --data-dir), then start again.");
    }
}
