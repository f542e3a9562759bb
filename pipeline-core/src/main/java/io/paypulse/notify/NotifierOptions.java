package io.paypulse.notify;

import io.paypulse.topic.Topics;
import java.time.Duration;

/**
 * How an {@link AlertNotifier} runs. Production uses {@link #of(String)}; tests shorten the times and
 * use their own topics on the shared broker.
 *
 * @param applicationId  the processor's application id; contact point {@code X} reads with consumer
 *                       group {@code <applicationId>-notify-X}
 * @param ratePeriod     the period {@code max-per-minute} counts over (a minute)
 * @param lookback       on the first start of a group (no committed offset), how far back alerts are
 *                       still delivered (not the whole history of the topic)
 * @param replayOffsets  after a restart, how many offsets before the committed one are re-read to
 *                       remember which buckets were already announced (nothing is sent from them)
 */
public record NotifierOptions(String applicationId, String alertsTopic, String receiptsTopic, Backoff backoff,
                              Duration ratePeriod, Duration lookback, int replayOffsets) {

    public static NotifierOptions of(String applicationId) {
        return new NotifierOptions(applicationId, Topics.ALERTS, Topics.NOTIFICATIONS, Backoff.DEFAULT,
                Duration.ofMinutes(1), Duration.ofMinutes(10), 10_000);
    }

    public String groupId(ContactPoint contactPoint) {
        return applicationId + "-notify-" + contactPoint.name();
    }

    public NotifierOptions withTopics(String alerts, String receipts) {
        return new NotifierOptions(applicationId, alerts, receipts, backoff, ratePeriod, lookback, replayOffsets);
    }

    /** Waits of {@code initial} doubling up to {@code max}, giving up after {@code giveUpAfter}. */
    public NotifierOptions withBackoff(Duration initial, Duration max, Duration giveUpAfter) {
        return new NotifierOptions(applicationId, alertsTopic, receiptsTopic, new Backoff(initial, max, giveUpAfter),
                ratePeriod, lookback, replayOffsets);
    }

    public NotifierOptions withRatePeriod(Duration period) {
        return new NotifierOptions(applicationId, alertsTopic, receiptsTopic, backoff, period, lookback, replayOffsets);
    }
}
