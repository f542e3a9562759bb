package io.paypulse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The parsed sink's remembered hour names: the same names and refusals as {@link FileNames#hourly}. */
class HourlyNameTest {

    @Test
    void namesEveryInstantAsFileNamesDoesAcrossHourBoundariesAndBackwardsJumps() {
        HourlyName names = new HourlyName("enriched_data_", "eventTime");
        long base = Instant.parse("2026-01-01T22:59:58Z").getEpochSecond();
        long[] offsets = {0, 1, 2, 3, 3_600, -1, 7_200, 2, 86_400 * 400L, 5};
        for (long o : offsets) {
            Instant t = Instant.ofEpochSecond(base + o, 999_999_999);
            assertThat(names.of(t)).as("%s", t).isEqualTo(FileNames.hourly("enriched_data_", t, "eventTime"));
        }
    }

    @Test
    void aMissingTimeOrAYearOutsideTheNamesIsRefusedWithTheSameSentence() {
        HourlyName names = new HourlyName("enriched_data_", "eventTime");
        names.of(Instant.parse("2026-01-01T00:00:00Z"));
        assertThatThrownBy(() -> names.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("eventTime is missing");
        assertThatThrownBy(() -> names.of(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the years 0000-9999");
    }
}
