package io.paypulse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.config.Scenario;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.Severity;
import io.paypulse.event.parse.LogLineParser;
import io.paypulse.generate.EventFactory;
import io.paypulse.generate.GeneratedEvent;
import io.paypulse.json.Mappers;
import io.paypulse.topic.Topics;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The schemas in resources are the contract: what the generator writes, and what the project's serdes
 * write for parsed records and alerts, validates against them.
 */
class SchemaContractTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @Property(tries = 50)
    void everythingTheGeneratorWritesValidatesAgainstTheRawSchema(@ForAll long seed, @ForAll Scenario scenario)
            throws Exception {
        EventFactory factory = new EventFactory(seed);
        RawEventSerializer plain = RawEventSerializer.plain();
        for (int i = 0; i < 200; i++) {
            GeneratedEvent e = factory.next(T0.plusMillis(250L * i), scenario);
            if (e == null) {
                continue;
            }
            byte[] value = plain.serialize(Topics.RAW, e.event());
            assertThat(Schemas.RAW.problems(Mappers.json().readTree(value))).as(new String(value)).isNull();
        }
    }

    @Property(tries = 50)
    void everyParsedRecordTheSerdeWritesValidatesAgainstTheParsedSchema(@ForAll long seed, @ForAll Scenario scenario)
            throws Exception {
        EventFactory factory = new EventFactory(seed);
        LogLineParser parser = new LogLineParser();
        for (int i = 0; i < 100; i++) {
            Instant t = T0.plusMillis(250L * i);
            GeneratedEvent e = factory.next(t, scenario);
            if (e == null) {
                continue;
            }
            ParsedEvent parsed = parser.parse(Mappers.json().writeValueAsBytes(e.event()), t).event();
            byte[] value = Topics.PARSED_VALUE.serializer().serialize(Topics.PARSED, parsed);
            assertThat(Schemas.PARSED.problems(Mappers.json().readTree(value))).as(new String(value)).isNull();
        }
    }

    @Property(tries = 300)
    void everyAlertTheSerdeWritesValidatesAgainstTheAlertSchema(@ForAll("alerts") Alert alert) throws Exception {
        byte[] value = Topics.ALERT_VALUE.serializer().serialize(Topics.ALERTS, alert);
        assertThat(Schemas.ALERT.problems(Mappers.json().readTree(value))).as(new String(value)).isNull();
    }

    @Property(tries = 100)
    void aParsedRecordWithAnOutcomeThatContradictsItsFieldsIsInvalid(@ForAll long seed) throws Exception {
        EventFactory factory = new EventFactory(seed);
        ParsedEvent p = new LogLineParser().parse(Mappers.json().writeValueAsBytes(factory.next(T0, Scenario.NORMAL).event()),
                T0).event();
        ParsedEvent flipped = new ParsedEvent(p.eventTime(), p.level(), p.type(), !p.failed(), p.orderId(), p.amountCents(),
                p.userId(), p.ipAddress(), p.paymentId(), p.failReason(), p.refundId());
        byte[] value = Topics.PARSED_VALUE.serializer().serialize(Topics.PARSED, flipped);
        assertThat(Schemas.PARSED.problems(Mappers.json().readTree(value))).isNotNull();
    }

    @Provide
    Arbitrary<Alert> alerts() {
        Arbitrary<Instant> times = Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
        Arbitrary<String> names = Arbitraries.strings().alpha().numeric().withChars("-_").ofMinLength(1).ofMaxLength(30);
        Arbitrary<Double> numbers = Arbitraries.doubles().between(-1e9, 1e9);
        return Combinators.combine(names, Arbitraries.of(Severity.class), names, times, numbers, numbers,
                        Arbitraries.of(AlertState.class), Arbitraries.integers().between(1, 10_000))
                .as((rule, severity, group, start, value, threshold, state, occurrences) -> new Alert(
                        Alert.idOf(rule, group, start), rule, severity, group, start, start.plusSeconds(60), value,
                        threshold, "Failure rate " + value + " above " + threshold, state, occurrences,
                        start.plusSeconds(65), start.plusSeconds(60L * occurrences + 5)));
    }
}
