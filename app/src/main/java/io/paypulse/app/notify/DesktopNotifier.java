package io.paypulse.app.notify;

import io.paypulse.alert.AlertRule;
import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.notify.AlertNotifier;
import io.paypulse.notify.ContactPoint;
import io.paypulse.notify.NotifierOptions;
import io.paypulse.notify.Notifications;
import io.paypulse.notify.Sender;
import io.paypulse.notify.SilenceView;
import io.paypulse.threads.Workers;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The app's {@link AlertNotifier}: it serves only the desktop contact points (the processor, embedded
 * or headless, delivers webhook, Slack and Teams), with consumer group
 * {@code <application id>-notify-<name>} so a restart of the app resends nothing already shown.
 */
final class DesktopNotifier {

    private DesktopNotifier() {
    }

    /**
     * Starts delivering to the desktop contact points of {@code notifications}; returns at once.
     *
     * @param desktop  the desktop sender (null while the tray is being looked for: a banner-only sender)
     */
    static AlertNotifier start(PayPulseConfig config, Notifications notifications, List<AlertRule> rules,
                               SilenceView silences, Supplier<Sender> desktop, Clock clock, Workers workers) {
        return start(ClusterClients.base(config, "paypulse-app-notify"),
                NotifierOptions.of(config.processor().applicationId()), notifications, rules, silences, desktop, clock,
                workers);
    }

    /** As above with the client properties and options given (tests: their own topics). */
    static AlertNotifier start(Map<String, Object> client, NotifierOptions options, Notifications notifications,
                               List<AlertRule> rules, SilenceView silences, Supplier<Sender> desktop, Clock clock) {
        return start(client, options, notifications, rules, silences, desktop, clock, Workers.standard());
    }

    static AlertNotifier start(Map<String, Object> client, NotifierOptions options, Notifications notifications,
                               List<AlertRule> rules, SilenceView silences, Supplier<Sender> desktop, Clock clock,
                               Workers workers) {
        return AlertNotifier.start(client, options, notifications, rules, silences,
                cp -> cp.kind() == ContactPoint.Kind.DESKTOP ? Optional.of(message -> desktop.get().send(message))
                        : Optional.empty(), null, clock, workers);
    }
}
