package io.paypulse.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short form of {@code make chaos}: three cycles (kill -9 processor, SIGTERM processor, kill -9
 * broker) under a steady generator, then the exact check against a recount of the raw topic.
 */
class ChaosIT {

    @Test
    void threeFaultCyclesLoseNothingCountNothingTwiceAndKeepCommittedOffsets() throws Exception {
        // Under target/ (emptied first, kept after) so a failed run's logs can be read.
        Path dir = Path.of("target", "chaos-it").toAbsolutePath();
        ChaosHarness.deleteQuietly(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ChaosHarness.Options o = new ChaosHarness.Options(3, 500, true, dir,
                List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"), "io.paypulse.cli.Main"),
                Duration.ofSeconds(150));

        ChaosHarness.Result r = ChaosHarness.run(o);

        r.print(System.out);
        assertThat(r.cycles()).hasSize(3);
        assertThat(r.committedOffsetsLost()).as("committed offsets went back").isFalse();
        assertThat(r.rawDuplicates()).as("raw duplicates").isZero();
        assertThat(r.lost()).as("events lost from the enriched CSV").isZero();
        assertThat(r.duplicated()).as("events written twice to the enriched CSV").isZero();
        assertThat(r.aggregated()).as("events in the aggregate CSV").isEqualTo(r.generated());
    }
}
