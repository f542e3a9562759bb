package io.paypulse.event.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        2026-01-01T00:00:00.000500+00:00 | 2026-01-01T00:00:00.000500Z
        2026-01-01T00:00:00+00:00        | 2026-01-01T00:00:00Z
        2026-01-01T00:00:00.123Z         | 2026-01-01T00:00:00.123Z
        2026-11-26T09:59:59.654321       | 2026-11-26T09:59:59.654321Z
        2026-01-01T01:30:00+01:30        | 2026-01-01T00:00:00Z
        2026-01-01T00:00:00-18:00        | 2026-01-01T18:00:00Z
        2024-02-29T23:59:59.999999999Z   | 2024-02-29T23:59:59.999999999Z
        2000-02-29T12:00:00.1Z           | 2000-02-29T12:00:00.100Z
        0000-01-01T00:00:00Z             | 0000-01-01T00:00:00Z
        9999-12-31T23:59:59Z             | 9999-12-31T23:59:59Z
        """)
    void readsTheCanonicalShapesWithoutJavaTime(String text, String expected) {
        Instant want = Instant.parse(expected);
        assertThat(IsoInstant.parseCanonical(text)).isEqualTo(want);
        assertThat(IsoInstant.parse(text)).isEqualTo(want);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-26t10:00:00z", "2026-11-26T10:00", "2026-11-26T10:00:00Z[UTC]",
        "2026-11-26T11:00:00+01:00:30", "+12026-11-26T10:00:00Z", "2026-11-26T10:00:00.Z"})
    void leavesOtherValidShapesToJavaTime(String text) {
        assertThat(IsoInstant.parseCanonical(text)).isNull();
        assertThat(IsoInstant.parse(text)).isEqualTo(IsoInstant.parseWithJavaTime(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-26T24:00:00Z",
        "2026-11-26T23:59:60Z", "2026-11-26T10:00:00+18:01", "2026-11-26T10:00:00.1234567891Z", "2026-13-01T00:00:00Z", "yesterday", ""})
    void rejectsWhatJavaTimeRejectsWithItsException(String text) {
        assertThat(IsoInstant.parseCanonical(text)).isNull();
        assertThatThrownBy(() -> IsoInstant.parse(text)).isInstanceOf(DateTimeException.class);
    }
}
