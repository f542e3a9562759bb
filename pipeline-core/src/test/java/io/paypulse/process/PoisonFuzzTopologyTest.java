package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.paypulse.config.Scenario;
import io.paypulse.event.DeadLetter;
import io.paypulse.event.WindowAggregate;
import io.paypulse.generate.EventFactory;
import io.paypulse.json.Mappers;
import io.paypulse.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the real topology (TopologyTestDriver through {@link TopologyHarness}) with generator output
 * mutated in the ways that once stopped the processor or could: byte flips, truncation, huge fields,
 * bad dates, wrong JSON types, invalid UTF-8, control bytes, wire-format framing, random bytes, null.
 * Each try sends {@link #VALUES_PER_TRY} values to a fresh topology and closes every window; the
 * processor must stay up and account for every value exactly once: parsed and then counted in a
 * final window or dead-lettered as late, or dead-lettered at the parse step (each raw offset once).
 * 100 tries = 100,000 values. jqwik prints the failing seed; a try is reproduced from it alone.
 */
class PoisonFuzzTopologyTest {

    static final int VALUES_PER_TRY = 1_000;
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final AtomicLong VALUES = new AtomicLong();
    private static final AtomicLong COUNTED = new AtomicLong();
    private static final AtomicLong LATE = new AtomicLong();
    private static final AtomicLong REJECTED = new AtomicLong();
    private static final long STARTED = System.nanoTime();

    @Property(tries = 100, shrinking = ShrinkingMode.OFF)
    void everyValueIsCountedOnceOrDeadLetteredOnceAndTheProcessorStaysUp(@ForAll long seed) {
        Random random = new Random(seed);
        EventFactory factory = new EventFactory(seed);
        BitSet unchanged = new BitSet();
        try (TopologyHarness h = new TopologyHarness(Duration.ofSeconds(5), List.of(), T0)) {
            for (int i = 0; i < VALUES_PER_TRY; i++) {
                Instant at = T0.plusMillis(i * 100L);
                byte[] valid = json(factory.next(at, Scenario.NORMAL).event());
                int kind = random.nextInt(100);
                byte[] value = kind < 30 ? valid : Mutations.apply(valid, random, at);
                if (value == valid) {
                    unchanged.set(i);
                }
                h.sendRaw("user_" + i, value, T0); // throws if the processor stops
            }
            h.wallClockTo(T0.plus(Duration.ofHours(1))); // idle marks close every window
            h.wallClockTo(T0.plus(Duration.ofHours(2)));

            List<DeadLetter> dead = h.deadLetters();
            BitSet rejectedOffsets = new BitSet();
            long late = 0;
            for (DeadLetter d : dead) {
                assertThat(d.reason()).as("every dead letter has a reason").isNotBlank();
                assertThat(Topics.DLQ_VALUE.serializer().serialize(Topics.DLQ, d).length)
                        .isLessThan(DeadLetter.MAX_JSON_BYTES);
                // Late events are dead-lettered from the raw record too (with its origin); the reason tells them apart.
                if (!d.reason().startsWith("late event at ")) {
                    int offset = (int) d.offset();
                    assertThat(rejectedOffsets.get(offset)).as("offset %d dead-lettered once", offset).isFalse();
                    rejectedOffsets.set(offset);
                } else {
                    assertThat(d.reason()).startsWith("late event at ");
                    late++;
                }
            }
            long parsed = h.parsed().size();
            long counted = h.finals().stream().mapToLong(WindowAggregate::eventCount).sum();

            assertThat(rejectedOffsets.cardinality() + parsed).as("values parsed or rejected").isEqualTo(VALUES_PER_TRY);
            assertThat(counted + late).as("parsed values counted in a final window or late").isEqualTo(parsed);
            assertThat(rejectedOffsets.intersects(unchanged)).as("a generator line was rejected").isFalse();
            assertThat(h.stats.failedCount()).as("records an exception handler had to catch").isZero();
            assertThat(h.stats.parsedCount()).isEqualTo(parsed);
            assertThat(h.stats.lateCount()).isEqualTo(late);
            assertThat(h.stats.openWindowCount()).isZero();
            VALUES.addAndGet(VALUES_PER_TRY);
            COUNTED.addAndGet(counted);
            LATE.addAndGet(late);
            REJECTED.addAndGet(rejectedOffsets.cardinality());
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("Fuzz: %d values in %.1f s: %d counted in final windows, %d late, %d rejected%n",
                VALUES.get(), (System.nanoTime() - STARTED) / 1e9, COUNTED.get(), LATE.get(), REJECTED.get());
    }

    private static byte[] json(Object event) {
        try {
            return Mappers.json().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mutations, each from a valid line; {@code at} is the line's own event time. */
    static final class Mutations {

        private static final String[] BAD_DATES = {"1969-12-31T23:59:59Z", "0000-01-01T00:00:00Z",
            "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "9999-12-31T23:59:59Z",
            "+292278994-08-17T07:12:55.808Z", "1970-01-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-26T25:00:00Z",
            "", "now", "2026-11-26", "2026-11-26T10:00:00+18:00", "2026-11-26T10:00:00-18:00",
            "2026-11-26T10:00:00.123456789Z", "2025-11-26T10:00:00Z", "2026-11-26T12:00:00Z"};
        private static final String[] WRONG_TYPES = {"1", "-1.5e308", "true", "null", "[]", "{}", "[\"INFO\"]",
            "{\"a\":1}", "\"\"", "123456789012345678901234567890"};
        private static final String[] FIELDS = {"timestamp", "level", "message"};

        private Mutations() {
        }

        static byte[] apply(byte[] valid, Random r, Instant at) {
            String text = new String(valid, StandardCharsets.UTF_8);
            return switch (r.nextInt(12)) {
                case 0 -> flip(valid, r);
                case 1 -> Arrays.copyOf(valid, r.nextInt(valid.length));
                case 2 -> hugeField(text, r);
                case 3 -> replaceField(text, "timestamp", "\"" + BAD_DATES[r.nextInt(BAD_DATES.length)] + "\"");
                case 4 -> replaceField(text, FIELDS[r.nextInt(3)], WRONG_TYPES[r.nextInt(WRONG_TYPES.length)]);
                case 5 -> insert(valid, r, new byte[] {(byte) 0xC3, (byte) 0x28}, new byte[] {(byte) 0xFF},
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90});
                case 6 -> insert(valid, r, new byte[] {(byte) r.nextInt(0x20)}, new byte[] {0}, new byte[] {0x7F});
                case 7 -> randomBytes(r);
                case 8 -> frame(valid, r);
                case 9 -> r.nextInt(4) == 0 ? null : new byte[0];
                case 10 -> structural(text, r);
                default -> replaceField(text, "timestamp", "\"" + at.minus(Duration.ofSeconds(r.nextInt(600))) + "\"");
            };
        }

        private static byte[] flip(byte[] v, Random r) {
            byte[] out = v.clone();
            for (int n = 1 + r.nextInt(5); n > 0; n--) {
                out[r.nextInt(out.length)] ^= (byte) (1 + r.nextInt(255));
            }
            return out;
        }

        /** Mostly just over the 16 KB limit or around it; one in fifty up to 1 MB of control bytes. */
        private static byte[] hugeField(String text, Random r) {
            int size = r.nextInt(50) == 0 ? 100_000 + r.nextInt(900_000) : 15_000 + r.nextInt(3_000);
            char fill = r.nextBoolean() ? 'x' : (char) r.nextInt(0x20);
            String big = String.valueOf(fill).repeat(size);
            String json = switch (r.nextInt(3)) {
                case 0 -> replaceFieldText(text, "message", "\"" + big + "\"");
                case 1 -> text.substring(0, text.length() - 1) + ",\"extra\":\"" + big + "\"}";
                default -> replaceFieldText(text, "level", "\"" + big + "\"");
            };
            return json.getBytes(StandardCharsets.UTF_8);
        }

        private static byte[] insert(byte[] v, Random r, byte[]... choices) {
            byte[] what = choices[r.nextInt(choices.length)];
            int at = r.nextInt(v.length + 1);
            byte[] out = new byte[v.length + what.length];
            System.arraycopy(v, 0, out, 0, at);
            System.arraycopy(what, 0, out, at, what.length);
            System.arraycopy(v, at, out, at + what.length, v.length - at);
            return out;
        }

        private static byte[] randomBytes(Random r) {
            byte[] out = new byte[r.nextInt(400)];
            r.nextBytes(out);
            if (out.length > 0 && r.nextBoolean()) {
                out[0] = '{';
            }
            return out;
        }

        private static byte[] frame(byte[] v, Random r) {
            byte[] out = new byte[v.length + 5];
            out[0] = 0;
            out[4] = (byte) r.nextInt(8);
            System.arraycopy(v, 0, out, 5, v.length);
            return r.nextInt(5) == 0 ? Arrays.copyOf(out, r.nextInt(6)) : out;
        }

        private static byte[] structural(String text, Random r) {
            String out = switch (r.nextInt(6)) {
                case 0 -> text + text; // trailing data
                case 1 -> text.replace("\"level\"", "\"timestamp\":\"2026-11-26T10:00:00Z\",\"level\""); // duplicate
                case 2 -> text.replace("\"message\"", "\"Message\""); // missing field
                case 3 -> "[" + text + "]";
                case 4 -> "[".repeat(2_000 + r.nextInt(10_000));
                default -> text.replace("}", ",\"nested\":" + "[".repeat(600) + "]".repeat(600) + "}");
            };
            return out.getBytes(StandardCharsets.UTF_8);
        }

        private static byte[] replaceField(String text, String field, String newJsonValue) {
            return replaceFieldText(text, field, newJsonValue).getBytes(StandardCharsets.UTF_8);
        }

        /** The line with {@code field}'s string value replaced by {@code newJsonValue} (raw JSON). */
        private static String replaceFieldText(String text, String field, String newJsonValue) {
            int key = text.indexOf("\"" + field + "\":");
            if (key < 0) {
                return text;
            }
            int start = key + field.length() + 3;
            int end = start + 1;
            while (end < text.length() && !(text.charAt(end) == '"' && text.charAt(end - 1) != '\\')) {
                end++;
            }
            return text.substring(0, start) + newJsonValue + text.substring(Math.min(end + 1, text.length()));
        }
    }
}
