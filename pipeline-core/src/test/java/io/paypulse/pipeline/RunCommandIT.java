package io.paypulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.cli.Main;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless CLI end to end: its own embedded broker, generator, processor and CSV files. */
class RunCommandIT {

    private static final int EVENTS = 200_000;

    @TempDir
    Path dataDir;

    @Test
    void aBoundedRunWritesEveryEventOnceAndExactTotalsPerGroup() {
        int code = Main.execute("run", "--events", Integer.toString(EVENTS), "--seed", "7", "--rate", "0",
                "--broker-port", "0", "--data-dir", dataDir.toString(), "--timeout", "240");

        assertThat(code).isZero();
        Path output = dataDir.resolve("output");
        assertThat(CsvOutputs.parsedRows(output)).isEqualTo(EVENTS);
        AggregateCsvAssert.matches(output, ExpectedTotals.of(7, EVENTS));
    }
}
