package io.paypulse.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SilenceDraftTest {

    @ParameterizedTest
    @CsvSource({"90m, PT1H30M", "2h, PT2H", "3d, PT72H", "45, PT45M", "' 15 min ', PT15M", "30d, PT720H"})
    void customDurationsReadAsTyped(String text, Duration expected) {
        assertThat(SilenceDraft.parseDuration(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "0h", "31d", "2 weeks", "-5m", "1.5h", "h"})
    void unreadableOrUnboundedDurationsAreRefused(String text) {
        assertThat(SilenceDraft.parseDuration(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"PT15M, 15 min", "PT1H, 1 h", "PT26H, 1 d 2 h", "PT90M, 1 h 30 min"})
    void durationsReadBackPlainly(Duration d, String text) {
        assertThat(SilenceDraft.describe(d)).isEqualTo(text);
    }
}
