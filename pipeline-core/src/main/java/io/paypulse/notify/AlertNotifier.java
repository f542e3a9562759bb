package io.paypulse.notify;

import io.paypulse.alert.AlertRule;
import io.paypulse.cluster.TopicSetup;
import io.micrometer.core.instrument.MeterRegistry;
import io.paypulse.threads.Workers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the alerts of {@code payment-alerts} to contact points: one thread ({@code notify-<name>})
 * and one consumer group ({@code <application id>-notify-<name>}) per contact point that has a
 * sender here, and a receipt per alert update in {@code payment-notifications}. Routing, silences,
 * inhibition, rate limit with digests, retries and restart behaviour: see {@link AlertTriage} and
 * {@link ContactPointWorker}.
 *
 * <p>The sender function decides which contact points this process serves: a headless processor
 * uses {@link #httpSenders()} (webhook, Slack, Teams; desktop skipped), the app passes its own for
 * desktop. Processors with the same application id share each group, and the alert topic has one
 * partition, so with replicas exactly one of them delivers to each contact point (decision 0011).
 *
 * <p>{@link #start} returns at once (the workers connect in the background); {@link #close()} stops
 * every worker (interrupting a backoff or a POST in progress), waits for them and is idempotent.
 * {@link #status()} may be called from any thread.
 */
public final class AlertNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final List<ContactPointWorker> workers;
    private final List<Thread> threads;
    private final List<ContactPointStatus> skipped;
    private final Receipts receipts;
    private boolean closed;

    private AlertNotifier(List<ContactPointWorker> workers, List<ContactPointStatus> skipped, Receipts receipts,
            Workers threadSource) {
        this.workers = workers;
        this.skipped = skipped;
        this.receipts = receipts;
        this.threads = new ArrayList<>();
        for (ContactPointWorker w : workers) {
            threads.add(threadSource.start("notify-" + w.contactPoint().name(), w));
        }
    }

    /** Webhook, Slack and Teams over HTTP; desktop is left to the app. */
    public static Function<ContactPoint, Optional<Sender>> httpSenders() {
        return cp -> cp.kind() == ContactPoint.Kind.DESKTOP ? Optional.empty()
                : Optional.of(Senders.forContactPoint(cp));
    }

    public static AlertNotifier start(Properties client, NotifierOptions options, Notifications notifications,
            List<AlertRule> rules, SilenceView silences, Function<ContactPoint, Optional<Sender>> senders,
            MeterRegistry registry, Clock clock, Workers threads) {
        Map<String, Object> props = new HashMap<>();
        client.forEach((k, v) -> props.put(String.valueOf(k), v));
        return start(props, options, notifications, rules, silences, senders, registry, clock, threads);
    }

    /**
     * Starts a worker per contact point {@code senders} has a sender for.
     *
     * @param client    Kafka client properties of the cluster (bootstrap servers, security)
     * @param registry  where the {@code paypulse_notifications_total} counters go; null for none
     * @param threads   where the thread of each contact point ({@code paypulse-notify-<name>}) comes from
     */
    public static AlertNotifier start(Map<String, Object> client, NotifierOptions options, Notifications notifications,
            List<AlertRule> rules, SilenceView silences, Function<ContactPoint, Optional<Sender>> senders,
            MeterRegistry registry, Clock clock, Workers threads) {
        Map<ContactPoint, Sender> served = new LinkedHashMap<>();
        List<ContactPointStatus> skipped = new ArrayList<>();
        for (ContactPoint cp : notifications.contactPoints()) {
            Optional<Sender> sender = senders.apply(cp);
            if (sender.isPresent()) {
                served.put(cp, sender.get());
            } else {
                skipped.add(new ContactPointStatus(cp, null, "", null, "", Map.of(), false));
                LOG.info("Contact point {} is not served by this process (the app delivers desktop notifications)", cp);
            }
        }
        if (served.isEmpty()) {
            return new AlertNotifier(List.of(), skipped, null, threads);
        }
        try (Admin admin = Admin.create(client)) {
            TopicSetup.ensureCompacted(admin, options.receiptsTopic(), TopicSetup.BROKER_DEFAULT_REPLICATION, SETUP_TIMEOUT);
        }
        Receipts receipts = new Receipts(client, options.receiptsTopic());
        Inhibition inhibition = Inhibition.of(rules);
        NoticeText text = new NoticeText(rules);
        NotifierMetrics metrics = new NotifierMetrics(registry);
        List<ContactPointWorker> workers = new ArrayList<>();
        served.forEach((cp, sender) -> workers.add(new ContactPointWorker(cp, sender, options, client,
                new AlertTriage(cp, notifications, inhibition, silences, text), receipts, metrics, clock)));
        LOG.info("Delivering alerts to {}", served.keySet());
        return new AlertNotifier(workers, skipped, receipts, threads);
    }

    /**
     * Per contact point: last delivery, last error, counts; first those this process serves, then
     * those it skipped ({@link ContactPointStatus#running()} false), each in the order of the file.
     */
    public List<ContactPointStatus> status() {
        List<ContactPointStatus> out = new ArrayList<>();
        workers.forEach(w -> out.add(w.status()));
        out.addAll(skipped);
        return out;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        workers.forEach(ContactPointWorker::stop);
        for (Thread t : threads) {
            try {
                t.join(STOP_TIMEOUT.toMillis());
                if (t.isAlive()) {
                    LOG.warn("Notifier thread {} did not stop within {} s", t.getName(), STOP_TIMEOUT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (receipts != null) {
            receipts.close();
        }
    }
}
