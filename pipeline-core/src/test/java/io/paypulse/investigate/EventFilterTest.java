package io.paypulse.investigate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paypulse.event.Level;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.PaymentType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    private static final Instant T = Instant.parse("2026-12-03T10:41:30Z");
    private static final ParsedEvent FAILED = new ParsedEvent(T, Level.ERROR, PaymentType.PAYMENT, true,
            "order_00000000abcd", 123_45, "user_004711", "203.0.113.9", null, "Card declined", null);
    private static final ParsedEvent REFUND = new ParsedEvent(T, Level.INFO, PaymentType.REFUND, false,
            "order_00000000ef01", 50_00, "user_000001", "198.51.100.7", null, null, "ref_00000000deadbeef");

    @Test
    void theWindowIncludesItsStartAndExcludesItsEnd() {
        assertThat(EventFilter.window(T, T.plusSeconds(1)).matches(FAILED)).isTrue();
        assertThat(EventFilter.window(T.minusSeconds(1), T).matches(FAILED)).isFalse();
        assertThat(EventFilter.window(T, null).matches(FAILED)).isTrue();
    }

    @Test
    void eachCriterionNarrows() {
        assertThat(EventFilter.ALL.withUser("4711").matches(FAILED)).as("digits name the user").isTrue();
        assertThat(EventFilter.ALL.withUser("user_04711").matches(FAILED)).as("users match exactly").isFalse();
        assertThat(EventFilter.ALL.withOrder("ABCD").matches(FAILED)).isTrue();
        assertThat(EventFilter.ALL.withId("DEADBEEF").matches(REFUND)).as("--id finds refund ids").isTrue();
        assertThat(EventFilter.ALL.withId("deadbeef").matches(FAILED)).isFalse();
        assertThat(EventFilter.ALL.withAmounts(123_45L, 123_45L).matches(FAILED)).as("both ends included").isTrue();
        assertThat(EventFilter.ALL.withAmounts(123_46L, null).matches(FAILED)).isFalse();
        assertThat(EventFilter.ALL.withType(PaymentType.REFUND).matches(FAILED)).isFalse();
        assertThat(EventFilter.ALL.withFailed(false).matches(FAILED)).isFalse();
        assertThat(EventFilter.ALL.withFailed(false).matches(REFUND)).isTrue();
        assertThat(EventFilter.ALL.withReason("declined").matches(FAILED)).isTrue();
        assertThat(EventFilter.ALL.withReason("declined").matches(REFUND)).isFalse();
        assertThat(EventFilter.ALL.withReason("  ").matches(REFUND)).as("a blank field is no criterion").isTrue();
    }

    @Test
    void anEmptyWindowIsRefused() {
        assertThatThrownBy(() -> EventFilter.window(T, T)).hasMessageContaining("the window is empty");
    }

    @Test
    void timesAreReadAsInstantsLocalTimesOrRelativeToNow() {
        Clock clock = Clock.fixed(T, ZoneOffset.UTC);
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertThat(TimeArgument.parse("--from", "2026-12-03T10:41:00Z", paris, clock)).isEqualTo("2026-12-03T10:41:00Z");
        assertThat(TimeArgument.parse("--from", "2026-12-03T10:41", paris, clock)).isEqualTo("2026-12-03T09:41:00Z");
        assertThat(TimeArgument.parse("--from", "2026-12-03 10:41:30", ZoneOffset.UTC, clock)).isEqualTo(T);
        assertThat(TimeArgument.parse("--from", "2026-12-03T10:41+01:00", paris, clock)).isEqualTo("2026-12-03T09:41:00Z");
        assertThat(TimeArgument.parse("--from", "now-15m", paris, clock)).isEqualTo(T.minusSeconds(900));
        assertThat(TimeArgument.parse("--from", "NOW", paris, clock)).isEqualTo(T);
        // The dlq commands' --since form, from the same parser: back from now without "now-".
        assertThat(TimeArgument.parse("--since", "15m", paris, clock)).isEqualTo(T.minusSeconds(900));
        assertThat(TimeArgument.parse("--since", "7d", paris, clock)).isEqualTo(T.minus(Duration.ofDays(7)));
        assertThatThrownBy(() -> TimeArgument.parse("--since", "2w", paris, clock)).hasMessageStartingWith(
                "Invalid value '2w' for --since: ");
        assertThatThrownBy(() -> TimeArgument.parse("--to", "10:41", paris, clock))
                .hasMessage("Invalid value '10:41' for --to: " + TimeArgument.allowed(paris) + ".");
    }

    @Test
    void maskingIsStablePerValueAndHidesTheValue() {
        Masker m = Masker.withKey(new byte[] {1, 2, 3});
        ParsedEvent masked = m.apply(FAILED);
        assertThat(masked.userId()).matches("user#[0-9a-f]{8}").isEqualTo(m.user("user_004711"))
                .isNotEqualTo(m.user("user_004712"));
        assertThat(masked.ipAddress()).matches("ip#[0-9a-f]{8}").doesNotContain("203");
        assertThat(masked.orderId()).isEqualTo(FAILED.orderId());
        assertThat(Masker.withKey(new byte[] {9}).user("user_004711")).as("another run, another tag")
                .isNotEqualTo(masked.userId());
    }
}
