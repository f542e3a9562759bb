package io.paypulse.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The parsed CSV's event_time cell: exactly what {@link Instant#toString()} writes. */
class InstantTextTest {

    @Test
    void writesWhatJavaTimeWritesForRandomInstantsOfEveryFractionShape() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(-400_000_000_000L, 400_000_000_000L);
            int nano = switch (i % 5) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                case 3 -> random.nextInt(1_000_000_000);
                default -> random.nextInt(1, 10) * 100_000_000;
            };
            Instant t = Instant.ofEpochSecond(second, nano);
            assertThat(InstantText.of(t)).as("%s (second %d, nano %d)", t, second, nano).isEqualTo(t.toString());
        }
    }

    @Test
    void edgesOfTheFastRangeAndCalendarCornersAreWrittenAsJavaTimeWritesThem() {
        for (String s : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
            "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z", "2000-02-29T12:00:00.001Z",
            "2024-02-29T23:59:59.000001Z", "2100-03-01T00:00:00Z", "2026-01-01T00:00:00.000500Z",
            "2026-12-31T23:59:00Z"}) {
            Instant t = Instant.parse(s);
            assertThat(InstantText.of(t)).isEqualTo(t.toString());
        }
    }
}
