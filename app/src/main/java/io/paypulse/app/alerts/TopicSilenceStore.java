package io.paypulse.app.alerts;

import io.paypulse.notify.Silence;
import io.paypulse.notify.SilenceWriter;
import io.paypulse.notify.TopicSilences;
import io.paypulse.threads.Workers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The connected cluster's silences: {@link TopicSilences} follows the compacted
 * {@code payment-silences} topic (the same one a headless processor and {@code paypulse silence}
 * use), {@link SilenceWriter} adds and expires. Open and close it off the FX thread.
 */
final class TopicSilenceStore implements SilenceStore, AutoCloseable {

    /** How long one add or expire may wait for the cluster before the user hears it failed. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final TopicSilences view;
    private final SilenceWriter writer;

    private TopicSilenceStore(TopicSilences view, SilenceWriter writer) {
        this.view = view;
        this.writer = writer;
    }

    /** Starts following the topic (returns at once, reading on a thread from {@code workers}) and readies a writer. */
    static TopicSilenceStore open(Map<String, Object> client, Clock clock, Workers workers) {
        Properties props = new Properties();
        props.putAll(client);
        TopicSilences view = new TopicSilences(workers).start(props);
        try {
            return new TopicSilenceStore(view, new SilenceWriter(props, view, clock, WRITE_TIMEOUT));
        } catch (RuntimeException e) {
            view.close();
            throw e;
        }
    }

    @Override
    public List<Silence> active(Instant now) {
        return view.active(now);
    }

    /** Written with a fresh id from the writer (unique among the topic's silences). */
    @Override
    public Silence add(Silence s) {
        return writer.add(s.rule(), s.group(), s.endsAt(), s.comment(), s.createdBy());
    }

    @Override
    public void expire(String id) {
        writer.expire(id);
    }

    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            view.close();
        }
    }
}
