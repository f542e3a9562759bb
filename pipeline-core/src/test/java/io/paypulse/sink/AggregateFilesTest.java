package io.paypulse.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.PaymentType;
import io.paypulse.event.WindowAggregate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateFilesTest {

    @TempDir
    Path dir;

    private static String row(WindowAggregate a) {
        return CsvCells.line(new AggregateFormat().cells(a));
    }

    private static WindowAggregate agg(String start, PaymentType type, boolean failed, long n, long cents) {
        Instant s = Instant.parse(start);
        return new WindowAggregate(s, s.plusSeconds(60), type, failed, n, cents, true);
    }

    @Test
    void readsBackWhatTheSinkWritesFromTheGivenTimeOnSkippingWhatIsNotARow() throws Exception {
        WindowAggregate old = agg("2026-12-01T23:59:00Z", PaymentType.PAYMENT, false, 5, 1234);
        WindowAggregate a = agg("2026-12-02T00:00:00Z", PaymentType.REFUND, true, 7, 99_999_01);
        WindowAggregate b = agg("2026-12-02T00:01:00Z", PaymentType.PAYMENT, true, 0, 0);
        String header = CsvCells.line(AggregateFormat.HEADER);
        Files.writeString(dir.resolve("aggregated_data_2026-12-01.csv"), header + row(old));
        Files.writeString(dir.resolve("aggregated_data_2026-12-02.csv"), header + row(a) + "torn,row\r\n" + row(b));
        Files.writeString(dir.resolve("alerts_2026-12-02.csv"), header + row(a)); // another output

        List<WindowAggregate> got = new ArrayList<>();
        AggregateFiles.Result r = AggregateFiles.read(dir, Instant.parse("2026-12-02T00:00:00Z"), got::add);

        assertThat(got).containsExactly(a, b);
        assertThat(r).isEqualTo(new AggregateFiles.Result(1, 2, 1));
        assertThat(AggregateFiles.read(dir.resolve("missing"), Instant.EPOCH, got::add).files()).isZero();
    }
}
