package io.paypulse.app.notify;

import io.paypulse.notify.TopicSilences;
import io.paypulse.threads.Workers;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The desktop notifier's silences: the same {@code payment-silences} topic the processors honour, read to
 * the end before the notifier delivers (at most 15 s).
 */
public final class ProcessorSilences implements AppNotifications.SilenceSource {

    private final Workers workers;

    /** @param workers where the topic reader's thread comes from */
    public ProcessorSilences(Workers workers) {
        this.workers = workers;
    }

    @Override
    public TopicSilences open(Map<String, Object> client) {
        Properties p = new Properties();
        p.putAll(client);
        TopicSilences view = new TopicSilences(workers).start(p);
        try {
            view.awaitLoaded(Duration.ofSeconds(15)); // known before the notifier delivers
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return view;
    }
}
