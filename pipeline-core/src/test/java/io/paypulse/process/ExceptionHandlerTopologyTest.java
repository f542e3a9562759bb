package io.paypulse.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.DeadLetter;
import io.paypulse.event.Level;
import io.paypulse.event.LogEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import io.paypulse.event.WindowAggregate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The exception handlers of {@link StreamsSettings#errorHandling} on the real topology: a record that
 * a source cannot read or that makes a processor throw goes to the DLQ with the reason, is counted,
 * and the records behind it are processed. The faults are injected the way a foreign writer on the
 * processor's internal repartition topic would cause them.
 */
class ExceptionHandlerTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final String REPARTITION = "topology-test-" + PaymentTopology.WINDOW_REPARTITION + "-repartition";

    private final TopologyHarness h = new TopologyHarness(Duration.ofSeconds(5), List.of(), T0);

    @AfterEach
    void close() {
        h.close();
    }

    private void sendPayment(int second) {
        h.send("u", new LogEvent(T0.plusSeconds(second), Level.INFO, new PaymentMessage(PaymentType.PAYMENT, false,
                String.format("order_%012x", second), 100, "user_000001", "pay_0123456789abcdef", null, "8.8.8.8")
                .render()));
    }

    private long finalPayments() {
        return h.finals().stream().filter(a -> a.start().equals(T0) && a.type() == PaymentType.PAYMENT && !a.failed())
                .mapToLong(WindowAggregate::eventCount).sum();
    }

    @Test
    void aRecordTheWindowStageCannotReadIsDeadLetteredAndTheWindowsGoOn() {
        sendPayment(1);
        h.sendToWindowInput(new byte[] {1, 2, 3}, T0.plusSeconds(2));
        sendPayment(3);
        sendPayment(70); // closes the first window

        List<DeadLetter> dead = h.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).reason()).startsWith("the record could not be read: BufferUnderflowException");
        assertThat(dead.get(0).topic()).isEqualTo(REPARTITION);
        assertThat(dead.get(0).value()).containsExactly(1, 2, 3);
        assertThat(finalPayments()).isEqualTo(2);
        assertThat(h.stats.failedCount()).isEqualTo(1);
        assertThat(h.stats.rejectedCount()).isEqualTo(1);
    }

    @Test
    void aRecordThatMakesTheWindowStageThrowIsDeadLetteredAndProcessingGoesOn() {
        sendPayment(1);
        // A partial no parse task can send (a negative source partition): the window stage refuses it.
        byte[] unknownPartition = Partial.serde().serializer().serialize(REPARTITION,
                new Partial(-1, T0.plusSeconds(2).toEpochMilli(), List.of(), List.of()));
        h.sendToWindowInput(unknownPartition, T0.plusSeconds(2));
        sendPayment(3);
        sendPayment(70);

        List<DeadLetter> dead = h.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).reason()).startsWith("processing failed in step 'windows': ")
                .contains("a partial from raw partition -1");
        assertThat(dead.get(0).topic()).isEqualTo(REPARTITION);
        assertThat(dead.get(0).value()).isEqualTo(unknownPartition);
        assertThat(finalPayments()).isEqualTo(2);
        assertThat(h.stats.failedCount()).isEqualTo(1);
    }
}
