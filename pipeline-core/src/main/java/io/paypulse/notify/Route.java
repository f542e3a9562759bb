package io.paypulse.notify;

import io.paypulse.event.Alert;
import io.paypulse.event.Severity;
import java.util.List;
import java.util.Set;

/**
 * Sends the alerts it matches to contact points. An empty set matches everything: a route with
 * neither rules nor severities catches all alerts.
 *
 * @param rules          rule names it matches (empty: any rule)
 * @param severities     severities it matches (empty: any)
 * @param contactPoints  names of the contact points that get the matching alerts
 */
public record Route(Set<String> rules, Set<Severity> severities, List<String> contactPoints) {

    public Route {
        rules = Set.copyOf(rules);
        severities = Set.copyOf(severities);
        contactPoints = List.copyOf(contactPoints);
    }

    public boolean matches(Alert alert) {
        return (rules.isEmpty() || rules.contains(alert.rule()))
                && (severities.isEmpty() || severities.contains(alert.severity()));
    }
}
