package io.paypulse.event.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.reference.ReferenceLogLineParser;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link IsoInstant} (hand-written fast path, java.time fallback) gives exactly what the parser's old
 * {@code DateTimeFormatter.parseBest} path gave ({@link ReferenceLogLineParser#parseTimestamp}): the
 * same Instant, or the same exception, on valid and near-valid timestamps (leap days, 24:00,
 * 23:59:60, offsets around ±18:00, lower-case t/z, fractions of 0–12 digits, years 0000/9999/±10000,
 * zone ids, junk).
 */
class IsoInstantPropertyTest {

    @Property(tries = 20_000)
    void agreesWithJavaTimeOnNearValidTimestamps(@ForAll("nearValid") String text) {
        assertThat(outcome(() -> IsoInstant.parse(text))).as(text)
                .isEqualTo(outcome(() -> ReferenceLogLineParser.parseTimestamp(text)));
    }

    @Property(tries = 5_000)
    void agreesWithJavaTimeOnMutatedTimestamps(@ForAll("mutated") String text) {
        assertThat(outcome(() -> IsoInstant.parse(text))).as(text)
                .isEqualTo(outcome(() -> ReferenceLogLineParser.parseTimestamp(text)));
    }

    @Property(tries = 2_000)
    void agreesWithJavaTimeOnJunk(@ForAll("junk") String text) {
        assertThat(outcome(() -> IsoInstant.parse(text))).as(text)
                .isEqualTo(outcome(() -> ReferenceLogLineParser.parseTimestamp(text)));
    }

    /** The fast path must not only agree when it answers: it must answer for what the generators write. */
    @Property(tries = 2_000)
    void readsBothGeneratorShapesWithoutJavaTime(@ForAll("instants") Instant t) {
        String python = PythonLogLine.isoformat(t.minusNanos(t.getNano() % 1000), true);
        String pythonNaive = PythonLogLine.isoformat(t.minusNanos(t.getNano() % 1000), false);
        String jackson = t.toString(); // what Jackson's InstantSerializer writes (ISO_INSTANT)
        assertThat(IsoInstant.parseCanonical(python)).as(python).isEqualTo(ReferenceLogLineParser.parseTimestamp(python));
        assertThat(IsoInstant.parseCanonical(pythonNaive)).as(pythonNaive)
                .isEqualTo(ReferenceLogLineParser.parseTimestamp(pythonNaive));
        assertThat(IsoInstant.parseCanonical(jackson)).as(jackson).isEqualTo(t);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, 253_402_300_799L).flatMap(s -> Arbitraries.integers()
                .between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
    }

    @Provide
    Arbitrary<String> nearValid() {
        Arbitrary<String> year = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 9999).map(y -> String.format("%04d", y)),
                Arbitraries.of("0000", "9999", "1969", "1970", "2000", "2100", "2024", "2023", "+10000", "-0001",
                        "+2026", "10000", "999", "-10000", "+999999999", "+1000000000"));
        Arbitrary<String> month = twoDigits(0, 13);
        Arbitrary<String> day = Arbitraries.oneOf(twoDigits(0, 32), Arbitraries.of("28", "29", "30", "31", "1", "001"));
        Arbitrary<String> t = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("T")),
                Tuple.of(1, Arbitraries.of("t", " ", "_", "")));
        Arbitrary<String> hour = Arbitraries.oneOf(twoDigits(0, 24), Arbitraries.of("23", "24", "00", "7"));
        Arbitrary<String> minute = Arbitraries.oneOf(twoDigits(0, 60), Arbitraries.of("59", "00"));
        Arbitrary<String> second = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.oneOf(twoDigits(0, 60),
                        Arbitraries.of("59", "60", "00")).map(s -> ":" + s)),
                Tuple.of(1, Arbitraries.of("", ":", ":5", ":123")));
        Arbitrary<String> fraction = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")),
                Tuple.of(6, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(9).map(f -> "." + f)),
                Tuple.of(1, Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(12).map(f -> "." + f)),
                Tuple.of(1, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(9).map(f -> "," + f)));
        Arbitrary<String> offset = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("", "Z", "+00:00")),
                Tuple.of(1, Arbitraries.of("z", "-00:00", "+18:00", "-18:00", "+18:01", "-18:01", "+17:59", "+19:00",
                        "+24:00", "+01", "+0100", "+01:00:30", "+01:00:60", "+01:60", "Z[UTC]", "+01:00[Europe/Paris]",
                        "[UTC]", "UTC", "+1:00", "+01:0", "Zz", "ZZ", " Z", "+")),
                Tuple.of(3, Combinators.combine(Arbitraries.of("+", "-"), twoDigits(0, 19), twoDigits(0, 60))
                        .as((sign, h, m) -> sign + h + ":" + m)));
        return Combinators.combine(List.of(year, month, day, t, hour, minute, second, fraction, offset))
                .as(p -> p.get(0) + "-" + p.get(1) + "-" + p.get(2) + p.get(3) + p.get(4) + ":" + p.get(5) + p.get(6)
                        + p.get(7) + p.get(8));
    }

    /** A valid timestamp with one character replaced, inserted or removed. */
    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> valid = Arbitraries.of("2026-01-01T00:00:00.000500+00:00", "2026-01-01T00:00:00+00:00",
                "2026-01-01T00:00:00.123Z", "2024-02-29T23:59:59.999999999Z", "2026-11-26T09:59:59.654321");
        return Combinators.combine(valid, Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, 2),
                Arbitraries.chars().with("0123456789-+:.TtZz [] \u0660\uff10x".toCharArray()))
                .as((s, at, kind, c) -> {
                    int i = Math.min(at, s.length());
                    return switch (kind) {
                        case 0 -> s.substring(0, i) + c + s.substring(Math.min(i + 1, s.length()));
                        case 1 -> s.substring(0, i) + c + s.substring(i);
                        default -> s.substring(0, i) + s.substring(Math.min(i + 1, s.length()));
                    };
                });
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789-+:.TtZz ").ofMaxLength(40),
                Arbitraries.strings().ofMaxLength(30));
    }

    private static Arbitrary<String> twoDigits(int min, int max) {
        return Arbitraries.integers().between(min, max).map(i -> String.format("%02d", i));
    }

    /** The Instant, or the class and message of what was thrown. */
    private static Object outcome(Supplier<Instant> parse) {
        try {
            return Objects.requireNonNull(parse.get());
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
