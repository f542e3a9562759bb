package io.paypulse.cli;

import io.paypulse.alert.AlertRule;
import io.paypulse.alert.RulesFile;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.notify.NotificationsFile;
import java.util.List;

/** The alert rules a command runs with: the configured file, else the shipped defaults. */
final class Rules {

    private Rules() {
    }

    /**
     * The rules; the file's notifications section (and {@code notify.webhook-url}) is checked too, so a
     * mistake there stops the command with one sentence before it starts a broker or a processor.
     */
    static List<AlertRule> of(PayPulseConfig config) {
        List<AlertRule> rules = config.processor().rulesFile() == null ? RulesFile.defaults()
                : RulesFile.load(config.processor().rulesFile());
        NotificationsFile.forProcessor(config.processor());
        return rules;
    }
}
