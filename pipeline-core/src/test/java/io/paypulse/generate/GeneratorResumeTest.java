package io.paypulse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.Group;
import io.paypulse.event.LogEvent;
import io.paypulse.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A bounded run started again after a kill sends only what is not on the topic yet, and event
 * {@code i} is the same event with or without the restart (issue 10 §2).
 */
class GeneratorResumeTest {

    private static final int EVENTS = 5_000;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aResumedRunSendsTheMissingEventsAndTalliesTheWholeRun() throws Exception {
        Sent first = run(AlreadySent.NONE);
        List<ProducerRecord<String, LogEvent>> uninterrupted = first.records();

        // As after a kill: the first 3,000 events are on the topic except a few lost in flight.
        AlreadySent onTopic = (index, key) -> index < 3_000 && index % 97 != 0;
        Sent again = run(onTopic);
        List<ProducerRecord<String, LogEvent>> resumed = again.records();

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            if (!onTopic.contains(i, uninterrupted.get(i).key())) {
                expected.add(i + " " + uninterrupted.get(i).value().message());
            }
        }
        assertThat(resumed.stream().map(r -> sequence(r) + " " + r.value().message()).toList())
                .as("the missing events, each with its own position and content").isEqualTo(expected);
        assertThat(again.skipped()).isEqualTo(EVENTS - resumed.size());
        for (Group g : Group.ALL) {
            assertThat(again.tally().count(g)).as("count of %s", g.key()).isEqualTo(first.tally().count(g));
            assertThat(again.tally().sumCents(g)).as("amount of %s", g.key()).isEqualTo(first.tally().sumCents(g));
        }
    }

    @Test
    void eventsOnAPartitionUpToItsHighestSequenceAreOnTheTopic() {
        SentOnTopic sent = SentOnTopic.of(10, -1, 4);
        String onPartition0 = keyOn(0);
        String onPartition1 = keyOn(1);
        assertThat(sent.contains(10, onPartition0)).isTrue();
        assertThat(sent.contains(11, onPartition0)).isFalse();
        assertThat(sent.contains(0, onPartition1)).as("nothing on partition 1 yet").isFalse();
        assertThat(sent.any()).isTrue();
        assertThat(SentOnTopic.of(-1, -1, -1).any()).isFalse();
    }

    private static String keyOn(int partition) {
        for (int u = 1; ; u++) {
            String key = String.format("user_%06d", u);
            if (SentOnTopic.partitionOf(key, 3) == partition) {
                return key;
            }
        }
    }

    private record Sent(List<ProducerRecord<String, LogEvent>> records, GeneratorTally tally, long skipped) {
    }

    private Sent run(AlreadySent sent) throws Exception {
        MockProducer<String, LogEvent> producer = GeneratorTest.mockProducer();
        try (Generator g = new Generator(GeneratorTest.settings(0, EVENTS, 7L, "normal"), clock, () -> producer)) {
            g.resume(sent);
            g.start();
            assertThat(g.awaitDone(Duration.ofSeconds(30))).isTrue();
            return new Sent(producer.history(), g.tally(), g.skipped());
        }
    }

    private static long sequence(ProducerRecord<String, LogEvent> r) {
        return Long.parseLong(new String(r.headers().lastHeader(Generator.SEQUENCE_HEADER).value(),
                StandardCharsets.US_ASCII));
    }
}
