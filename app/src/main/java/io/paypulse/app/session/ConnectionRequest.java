package io.paypulse.app.session;

import io.paypulse.alert.AlertRule;
import io.paypulse.config.PayPulseConfig;
import java.util.List;

/** What to connect to: the mode, the resolved configuration and the alert rules. */
public record ConnectionRequest(ConnectionMode mode, PayPulseConfig config, List<AlertRule> rules) {

    public ConnectionRequest {
        rules = List.copyOf(rules);
    }
}
