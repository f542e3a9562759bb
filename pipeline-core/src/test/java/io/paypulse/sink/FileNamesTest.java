package io.paypulse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNamesTest {

    @ParameterizedTest
    @CsvSource({
            "2024-03-10T23:59:59.999999999Z, enriched_data_2024-03-10_23.csv",
            "2024-03-11T00:00:00Z,           enriched_data_2024-03-11_00.csv",
            "2024-03-11T00:59:59Z,           enriched_data_2024-03-11_00.csv",
            "2024-03-11T01:00:00Z,           enriched_data_2024-03-11_01.csv",
            "2024-12-31T23:30:00Z,           enriched_data_2024-12-31_23.csv",
            "2025-01-01T00:00:00Z,           enriched_data_2025-01-01_00.csv",
            "2024-02-29T12:00:00Z,           enriched_data_2024-02-29_12.csv",
    })
    void hourlyNamesAreUtcHours(String time, String name) {
        assertThat(FileNames.hourly("enriched_data_", Instant.parse(time), "t")).isEqualTo(name);
    }

    @Test
    void namesDoNotDependOnTheLocalZone() {
        // 01:30 in Berlin on 11 March is still the 10th in UTC
        Instant t = OffsetDateTime.parse("2024-03-11T01:30:00+01:00").toInstant();
        assertThat(FileNames.hourly("enriched_data_", t, "t")).isEqualTo("enriched_data_2024-03-11_00.csv");
        Instant late = OffsetDateTime.parse("2024-03-11T00:30:00+01:00").toInstant();
        assertThat(FileNames.daily("aggregated_data_", late, "t")).isEqualTo("aggregated_data_2024-03-10.csv");
    }

    @ParameterizedTest
    @CsvSource({
            "2024-03-10T23:59:59.999Z, aggregated_data_2024-03-10.csv",
            "2024-03-11T00:00:00Z,     aggregated_data_2024-03-11.csv",
    })
    void dailyNamesAreUtcDays(String time, String name) {
        assertThat(FileNames.daily("aggregated_data_", Instant.parse(time), "t")).isEqualTo(name);
    }

    @Test
    void patternsMatchOnlyTheirOwnNames() {
        var hourly = FileNames.hourlyPattern("enriched_data_");
        var daily = FileNames.dailyPattern("aggregated_data_");
        assertThat(hourly.matcher("enriched_data_2024-03-11_00.csv").matches()).isTrue();
        assertThat(hourly.matcher("enriched_data_2024-03-11.csv").matches()).isFalse();
        assertThat(hourly.matcher("enriched_data_2024-03-11_00.csv.bak").matches()).isFalse();
        assertThat(hourly.matcher("xenriched_data_2024-03-11_00.csv").matches()).isFalse();
        assertThat(daily.matcher("aggregated_data_2024-03-11.csv").matches()).isTrue();
        assertThat(daily.matcher("aggregated_data_2024-03-11_00.csv").matches()).isFalse();
        assertThat(FileNames.dailyPattern("alerts_").matcher("alerts_2024-03-11.csv").matches()).isTrue();
        assertThat(FileNames.dailyPattern("alerts_").matcher("aggregated_data_2024-03-11.csv").matches()).isFalse();
    }

    @Test
    void refusesTimesThatWouldMakeUnrecognisableNames() {
        assertThatThrownBy(() -> FileNames.hourly("p_", null, "eventTime"))
                .hasMessageContaining("eventTime is missing");
        assertThatThrownBy(() -> FileNames.daily("p_", Instant.parse("+10000-01-01T00:00:00Z"), "start"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
