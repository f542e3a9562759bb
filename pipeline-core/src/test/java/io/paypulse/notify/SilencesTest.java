package io.paypulse.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.event.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Making silences: lengths as people write them, the time box, ids, and what a silence covers when. */
class SilencesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @ParameterizedTest
    @CsvSource({"15m,PT15M", "2h,PT2H", "1d,PT24H", "30d,PT720H", "90m,PT1H30M", "2H,PT2H", "' 3h ',PT3H"})
    void lengthsAreMinutesHoursOrDays(String text, Duration expected) {
        assertThat(Silences.parseLength(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "h", "2w", "1.5h", "-1h", "PT2H", "2h30m", "1234567m"})
    void anythingElseIsOneSentenceNamingTheForms(String text) {
        assertThatThrownBy(() -> Silences.parseLength(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a length: use a whole number of minutes, hours or days such as 15m, "
                        + "2h or 1d.");
    }

    @ParameterizedTest
    @CsvSource({"PT15M,15m", "PT2H,2h", "PT26H5M,1d 2h 5m", "PT48H,2d", "PT0S,0m", "PT59S,0m"})
    void lengthsAreShownShortly(Duration d, String shown) {
        assertThat(Silences.formatLength(d)).isEqualTo(shown);
    }

    @Test
    void aNewSilenceStartsNowWithAShortHexIdAndKeepsWhatWasGiven() {
        Silence s = Silences.create(" payment-failure-rate ", "Payment/failed", NOW.plus(Duration.ofHours(2)),
                "gateway work", "ana", NOW, id -> false);
        assertThat(s.id()).matches("[0-9a-f]{8}");
        assertThat(s).extracting(Silence::rule, Silence::group, Silence::startsAt, Silence::endsAt, Silence::comment,
                        Silence::createdBy)
                .containsExactly("payment-failure-rate", "Payment/failed", NOW, NOW.plus(Duration.ofHours(2)),
                        "gateway work", "ana");
    }

    @Test
    void aTakenIdIsNeverReused() {
        Set<String> taken = new HashSet<>();
        AtomicInteger asked = new AtomicInteger();
        // Claim the first three ids drawn as taken: the fourth is returned.
        Silence s = Silences.create("r", "*", NOW.plusSeconds(60), "", "", NOW, id -> {
            if (asked.incrementAndGet() <= 3) {
                taken.add(id);
                return true;
            }
            return taken.contains(id);
        });
        assertThat(asked).hasValue(4);
        assertThat(taken).doesNotContain(s.id());
    }

    @Test
    void aSilenceLastsAtMostThirtyDays() {
        assertThat(Silences.create("r", "*", NOW.plus(Duration.ofDays(30)), "", "", NOW, id -> false).endsAt())
                .isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThatThrownBy(() -> Silences.create("r", "*", NOW.plus(Duration.ofDays(30)).plusSeconds(1), "", "", NOW,
                id -> false))
                .hasMessage("A silence lasts at most 30 days; 2027-01-02T10:00:01Z is later than that.");
    }

    @Test
    void aSilenceMustEndInTheFutureAndNameARuleAndAGroup() {
        assertThatThrownBy(() -> Silences.create("r", "*", NOW, "", "", NOW, id -> false))
                .hasMessage("A silence must end in the future; 2026-12-03T10:00:00Z has passed.");
        assertThatThrownBy(() -> Silences.create(" ", "*", NOW.plusSeconds(60), "", "", NOW, id -> false))
                .hasMessage("A silence needs a rule name, or * for every rule.");
        assertThatThrownBy(() -> Silences.create("r", "", NOW.plusSeconds(60), "", "", NOW, id -> false))
                .hasMessage("A silence needs a group, or * for every group.");
    }

    @Test
    void aSilenceCoversItsRuleAndGroupOnlyInsideItsTimeBox() {
        Silence s = new Silence("a1b2c3d4", "payment-failure-rate", "Payment/failed", NOW,
                NOW.plus(Duration.ofMinutes(15)), "", "");
        Alert alert = SilenceTestAlerts.firing("payment-failure-rate", "Payment/failed");
        assertThat(s.matches(alert, NOW.minusMillis(1))).isFalse();
        assertThat(s.matches(alert, NOW)).isTrue();
        assertThat(s.matches(alert, s.endsAt().minusMillis(1))).isTrue();
        assertThat(s.matches(alert, s.endsAt())).isFalse();
        assertThat(s.matches(SilenceTestAlerts.firing("payment-failure-rate", "Refund/failed"), NOW)).isFalse();
        assertThat(s.matches(SilenceTestAlerts.firing("payment-failure-rate-critical", "Payment/failed"), NOW)).isFalse();

        Silence everything = new Silence("e", Silence.ANY, Silence.ANY, NOW, NOW.plusSeconds(60), "", "");
        assertThat(everything.matches(SilenceTestAlerts.firing("card-testing", "u-42"), NOW)).isTrue();
    }

    @Test
    void theStateOfASilenceFollowsTheClock() {
        Silence s = new Silence("a", "r", "*", NOW, NOW.plusSeconds(60), "", "");
        assertThat(SilenceState.of(s, NOW.minusSeconds(1))).isEqualTo(SilenceState.PENDING);
        assertThat(SilenceState.of(s, NOW)).isEqualTo(SilenceState.ACTIVE);
        assertThat(SilenceState.of(s, NOW.plusSeconds(60))).isEqualTo(SilenceState.ENDED);
        assertThat(SilenceState.ENDED.word()).isEqualTo("ended");
    }
}
