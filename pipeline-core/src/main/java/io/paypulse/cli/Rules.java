package io.paypulse.cli;

import io.paypulse.config.PaypulseConfig;
import io.paypulse.process.alert.AlertRule;
import io.paypulse.process.alert.RulesFile;
import java.util.List;

/** The alert rules a command runs with: the configured file, else the shipped defaults. */
final class Rules {

    private Rules() {
    }

    static List<AlertRule> of(PaypulseConfig config) {
        return config.processor().rulesFile() == null ? RulesFile.defaults() : RulesFile.load(config.processor().rulesFile());
    }
}
