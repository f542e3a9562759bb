package io.paypulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.Group;
import io.paypulse.event.Money;
import io.paypulse.event.PaymentType;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks the aggregate CSV against an independent recount: exact totals, no window row twice. */
final class AggregateCsvAssert {

    private AggregateCsvAssert() {
    }

    static void matches(Path outputDir, ExpectedTotals expected) {
        List<String[]> rows = CsvOutputs.rows(outputDir, "aggregated_data_");
        Set<String> seen = new HashSet<>();
        long[] counts = new long[4];
        long[] sums = new long[4];
        for (String[] r : rows) {
            assertThat(seen.add(r[0] + "|" + r[2] + "|" + r[3])).as("window row %s %s %s appears once", r[0], r[2], r[3])
                    .isTrue();
            int g = Group.of(PaymentType.fromLabel(r[2]), Boolean.parseBoolean(r[3])).index();
            counts[g] += Long.parseLong(r[4]);
            sums[g] += Money.parse(r[5]);
        }
        for (Group g : Group.ALL) {
            assertThat(counts[g.index()]).as("events of %s", g.key()).isEqualTo(expected.counts()[g.index()]);
            assertThat(sums[g.index()]).as("amount of %s in cents", g.key()).isEqualTo(expected.sumsCents()[g.index()]);
        }
    }
}
