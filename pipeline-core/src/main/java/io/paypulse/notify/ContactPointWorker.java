package io.paypulse.notify;

import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the alerts routed to one contact point, on its own thread, reading {@code payment-alerts}
 * with its own consumer group. Nothing it does can slow the processor or another contact point: a
 * receiver that is down only holds this thread (in backoff), and the topic keeps what it has not read.
 *
 * <p><b>Restarts.</b> The group's committed offset is where delivery resumes; it moves past an update
 * only once that update's outcome is final (delivered, failed for good, silenced, inhibited, or sent
 * in a digest), so nothing delivered is sent again, and nothing held back for a digest is lost.
 * Which buckets were already announced (so a republish of a firing bucket is not news) is rebuilt by
 * re-reading up to {@link NotifierOptions#replayOffsets()} offsets before the committed one: the alert
 * topic is the record of what was handled, and reading it needs no second store that could disagree.
 * A crash between a POST and its commit sends that one update again: receivers dedupe by
 * {@code (alertId, state)}.
 *
 * <p><b>Inhibition order.</b> All updates of a poll are observed before any is decided, so a WARNING
 * and the CRITICAL of the same window (written by the processor in one transaction, read together
 * with read_committed) find each other whichever comes first, even when a backlog brings the
 * CRITICAL's resolution in the same poll.
 */
final class ContactPointWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ContactPointWorker.class);
    private static final Duration MAX_POLL = Duration.ofSeconds(1);
    private static final Duration IDLE_STEP = Duration.ofMillis(200);

    private final ContactPoint contactPoint;
    private final Sender sender;
    private final NotifierOptions options;
    private final Map<String, Object> client;
    private final AlertTriage triage;
    private final Receipts receipts;
    private final NotifierMetrics metrics;
    private final Clock clock;
    private final RateLimit limit;
    private final KafkaConsumer<String, byte[]> consumer;

    private volatile boolean closing;
    /** The thread while it is inside {@link Sender#send}: only then may stop() interrupt it. */
    private Thread sending;
    private final Object sendLock = new Object();
    private volatile boolean running = true;
    private volatile Instant lastDeliveredAt;
    private volatile String lastDelivered = "";
    private volatile Instant lastErrorAt;
    private volatile String lastError = "";
    private final Map<DeliveryReceipt.Outcome, Long> counts = new EnumMap<>(DeliveryReceipt.Outcome.class);

    /** Updates held back by the rate limit, in topic order, for the next digest. */
    private final List<Held> held = new ArrayList<>();
    /** Per partition: the offset after the last update whose outcome is final. */
    private final Map<TopicPartition, Long> done = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    /** Changes on every rebalance: work begun under an older generation is abandoned (not committed). */
    private int generation;

    private record Held(TopicPartition partition, long offset, Alert alert, Notice notice) {
    }

    ContactPointWorker(ContactPoint contactPoint, Sender sender, NotifierOptions options, Map<String, Object> client,
            AlertTriage triage, Receipts receipts, NotifierMetrics metrics, Clock clock) {
        this.contactPoint = contactPoint;
        this.sender = sender;
        this.options = options;
        this.client = client;
        this.triage = triage;
        this.receipts = receipts;
        this.metrics = metrics;
        this.clock = clock;
        this.limit = new RateLimit(contactPoint.maxPerMinute(), options.ratePeriod());
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId(contactPoint));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, options.groupId(contactPoint));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    ContactPoint contactPoint() {
        return contactPoint;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(options.alertsTopic()), new Rebalance());
            while (!closing) {
                ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout());
                int gen = generation;
                handle(records, gen);
                if (gen == generation && !closing) {
                    sendDigestIfDue();
                }
                commit();
            }
        } catch (WakeupException | InterruptException e) {
            if (!closing) {
                LOG.error("Notifier for contact point {} was interrupted; it stops", contactPoint, e);
            }
        } catch (RuntimeException e) {
            error("The notifier stopped: " + e.getMessage());
            LOG.error("Notifier for contact point {} stopped", contactPoint, e);
        } finally {
            try {
                commit();
            } catch (RuntimeException e) {
                LOG.debug("Last commit of {} failed", contactPoint, e);
            }
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("Closing the consumer of {} failed", contactPoint, e);
            }
            running = false;
        }
    }

    /** Stops soon: wakes a poll (a backoff waits in one) and interrupts a POST in progress. */
    void stop() {
        closing = true;
        consumer.wakeup();
        synchronized (sendLock) {
            if (sending != null) {
                sending.interrupt();
            }
        }
    }

    ContactPointStatus status() {
        synchronized (counts) {
            return new ContactPointStatus(contactPoint, lastDeliveredAt, lastDelivered, lastErrorAt, lastError,
                    new EnumMap<>(counts), running && !closing);
        }
    }

    // ---- the loop ------------------------------------------------------------------------------

    private Duration pollTimeout() {
        if (held.isEmpty()) {
            return MAX_POLL;
        }
        Instant now = clock.instant();
        Duration untilSlot = Duration.between(now, limit.nextSlot(now));
        return untilSlot.compareTo(MAX_POLL) > 0 ? MAX_POLL
                : untilSlot.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : untilSlot;
    }

    private void handle(ConsumerRecords<String, byte[]> records, int gen) {
        if (records.isEmpty()) {
            return;
        }
        List<ConsumerRecord<String, byte[]>> list = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            Alert alert = parse(r);
            list.add(r);
            alerts.add(alert);
            if (alert != null) {
                triage.observe(alert);
            }
        }
        try {
            decide(list, alerts, gen);
        } finally {
            triage.endBatch();
        }
    }

    private void decide(List<ConsumerRecord<String, byte[]>> list, List<Alert> alerts, int gen) {
        for (int i = 0; i < list.size(); i++) {
            if (closing || gen != generation) {
                return;
            }
            ConsumerRecord<String, byte[]> r = list.get(i);
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            Alert alert = alerts.get(i);
            if (alert == null) {
                done.put(tp, r.offset() + 1);
                continue;
            }
            AlertTriage.Decision d = triage.decide(alert, clock.instant());
            switch (d.verdict()) {
                case SKIP -> done.put(tp, r.offset() + 1);
                case SILENCED -> {
                    receipt(alert, DeliveryReceipt.Outcome.SILENCED, d.detail());
                    done.put(tp, r.offset() + 1);
                }
                case INHIBITED -> {
                    receipt(alert, DeliveryReceipt.Outcome.INHIBITED, d.detail());
                    done.put(tp, r.offset() + 1);
                }
                case SEND -> {
                    if (!held.isEmpty() || !limit.tryAcquire(clock.instant())) {
                        held.add(new Held(tp, r.offset(), alert, d.notice()));
                        done.put(tp, r.offset() + 1); // the commit stops at the first held offset
                        continue;
                    }
                    SendResult result = deliver(Message.of(d.notice()));
                    if (result == null) {
                        return; // closing or rebalanced: not final, read again later
                    }
                    DeliveryReceipt.Outcome outcome = result.isDelivered() ? DeliveryReceipt.Outcome.DELIVERED
                            : DeliveryReceipt.Outcome.FAILED;
                    triage.outcome(alert, outcome);
                    receipt(alert, outcome, result.detail());
                    done.put(tp, r.offset() + 1);
                    commit();
                }
                default -> throw new IllegalStateException("unknown verdict " + d.verdict());
            }
        }
    }

    private void sendDigestIfDue() {
        if (held.isEmpty() || !limit.tryAcquire(clock.instant())) {
            return;
        }
        List<Held> batch = List.copyOf(held);
        Message digest = Message.digest(batch.stream().map(Held::notice).toList());
        SendResult result = deliver(digest);
        if (result == null) {
            return;
        }
        boolean delivered = result.isDelivered();
        String detail = delivered
                ? "Delivered in a digest of " + batch.size() + " alerts (rate limit " + contactPoint.maxPerMinute()
                        + " a minute)."
                : "The digest of " + batch.size() + " alerts was not delivered: " + result.detail();
        DeliveryReceipt.Outcome outcome = delivered ? DeliveryReceipt.Outcome.GROUPED : DeliveryReceipt.Outcome.FAILED;
        for (Held h : batch) {
            triage.outcome(h.alert(), outcome);
            receipt(h.alert(), outcome, detail);
        }
        held.removeAll(batch);
        commit();
    }

    // ---- sending -------------------------------------------------------------------------------

    /**
     * Sends with retries and backoff until delivered, rejected, or given up; null when closing or a
     * rebalance took the partition away meanwhile (the outcome is then not final).
     */
    private SendResult deliver(Message message) {
        Instant first = clock.instant();
        int gen = generation;
        for (int attempt = 1; ; attempt++) {
            SendResult result;
            synchronized (sendLock) {
                sending = Thread.currentThread();
            }
            try {
                result = sender.send(message);
            } catch (RuntimeException e) {
                result = SendResult.retry(0, "The sender failed: " + e.getMessage());
            } finally {
                synchronized (sendLock) {
                    sending = null;
                    Thread.interrupted(); // stop()'s interrupt was for the send only
                }
            }
            if (closing) {
                return null;
            }
            Instant now = clock.instant();
            if (result.isDelivered()) {
                lastDeliveredAt = now;
                lastDelivered = message.summary();
                return result;
            }
            error(result.detail());
            if (result.outcome() == SendResult.Outcome.REJECTED) {
                LOG.warn("Contact point {}: {}", contactPoint, result.detail());
                return result;
            }
            Duration wait = options.backoff().delay(attempt);
            Duration spent = Duration.between(first, now);
            if (spent.plus(wait).compareTo(options.backoff().giveUpAfter()) > 0) {
                String gaveUp = "Gave up after " + attempt + " attempts in " + spent.toSeconds() + " s: "
                        + result.detail();
                LOG.warn("Contact point {}: {}", contactPoint, gaveUp);
                error(gaveUp);
                return SendResult.rejected(result.status(), gaveUp);
            }
            if (attempt == 1) {
                LOG.warn("Contact point {}: {}; retrying with backoff for up to {} s", contactPoint, result.detail(),
                        options.backoff().giveUpAfter().toSeconds());
            }
            if (!idle(wait) || gen != generation) {
                return null;
            }
        }
    }

    /**
     * Waits without leaving the group: polls with every partition paused, so heartbeats and
     * rebalances go on. False when closing or when a rebalance happened meanwhile.
     */
    private boolean idle(Duration wait) {
        int gen = generation;
        long end = System.nanoTime() + wait.toNanos();
        Set<TopicPartition> paused = consumer.assignment();
        consumer.pause(paused);
        try {
            while (!closing && gen == generation) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                ConsumerRecords<String, byte[]> got = consumer.poll(Duration.ofNanos(Math.min(left,
                        IDLE_STEP.toNanos())));
                // Only newly assigned partitions can return records here: read them again later.
                for (TopicPartition tp : got.partitions()) {
                    consumer.seek(tp, got.records(tp).get(0).offset());
                }
            }
            return false;
        } finally {
            if (!closing) {
                consumer.resume(consumer.assignment());
            }
        }
    }

    // ---- records, receipts, offsets ------------------------------------------------------------

    private Alert parse(ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            return null;
        }
        try {
            return Topics.ALERT_VALUE.deserializer().deserialize(r.topic(), r.value());
        } catch (KafkaException | IllegalArgumentException e) {
            LOG.warn("Contact point {}: skipping the record at {}-{} offset {}: it is not an alert ({})", contactPoint,
                    r.topic(), r.partition(), r.offset(), e.getMessage());
            return null;
        }
    }

    private void receipt(Alert alert, DeliveryReceipt.Outcome outcome, String detail) {
        receipts.write(new DeliveryReceipt(alert.id(), alert.state(), contactPoint.name(), outcome, clock.instant(),
                detail));
        metrics.count(contactPoint.name(), outcome);
        synchronized (counts) {
            counts.merge(outcome, 1L, Long::sum);
        }
        if (outcome == DeliveryReceipt.Outcome.FAILED && alert.state() == AlertState.FIRING) {
            LOG.debug("Contact point {}: {} not delivered", contactPoint, alert.id());
        }
    }

    private void error(String sentence) {
        lastErrorAt = clock.instant();
        lastError = sentence;
    }

    /** Commits, per partition, up to the last final update but never past an update held for a digest. */
    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> e : done.entrySet()) {
            long offset = e.getValue();
            for (Held h : held) {
                if (h.partition().equals(e.getKey())) {
                    offset = Math.min(offset, h.offset());
                    break;
                }
            }
            Long before = committed.get(e.getKey());
            if (before == null || offset > before) {
                offsets.put(e.getKey(), new OffsetAndMetadata(offset));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(10));
            offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            // Lost the partition or the broker is away: the next owner re-reads from the last commit.
            LOG.info("Contact point {}: could not commit delivery progress ({}); it is committed later",
                    contactPoint, e.toString());
        }
    }

    /** Where a partition starts, and what is remembered when it does. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                commit();
            } catch (RuntimeException e) {
                LOG.debug("Commit on revoke failed for {}", contactPoint, e);
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            generation++;
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> known = consumer.committed(Set.copyOf(partitions));
            Map<TopicPartition, Long> from = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = known.get(tp);
                if (c == null) {
                    firstStart(tp);
                } else {
                    committed.put(tp, c.offset());
                    from.put(tp, c.offset());
                }
            }
            if (!from.isEmpty()) {
                Replay.read(client, from, options.replayOffsets(), triage::replay);
            }
        }

        private void forget(Collection<TopicPartition> partitions) {
            generation++;
            held.removeIf(h -> partitions.contains(h.partition()));
            partitions.forEach(tp -> {
                done.remove(tp);
                committed.remove(tp);
            });
            triage.clear();
        }

        /** A new group: alerts of the last {@link NotifierOptions#lookback()} still matter, older ones not. */
        private void firstStart(TopicPartition tp) {
            long since = clock.instant().minus(options.lookback()).toEpochMilli();
            // The end first: a transaction committed between the two questions is then read, not
            // skipped (its commit marker can land after offsetsForTimes saw nothing new enough).
            long end = consumer.endOffsets(Set.of(tp)).get(tp);
            OffsetAndTimestamp at = consumer.offsetsForTimes(Map.of(tp, since)).get(tp);
            long offset = at != null ? Math.min(at.offset(), end) : end;
            consumer.seek(tp, offset);
            LOG.info("Contact point {}: first start, delivering alerts from offset {} of {} (the last {} min)",
                    contactPoint, offset, tp, options.lookback().toMinutes());
        }
    }
}
