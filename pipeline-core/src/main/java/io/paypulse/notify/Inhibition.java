package io.paypulse.notify;

import io.paypulse.alert.AlertRule;
import io.paypulse.alert.ThresholdRule;
import io.paypulse.event.Alert;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alertmanager-style inhibition: a FIRING CRITICAL suppresses the WARNING of the same rule family,
 * the same group and an overlapping window, so a gateway outage pages once (the CRITICAL) and not
 * twice. A family is the threshold rules that measure the same number: same metric, type, status and
 * operator (e.g. {@code payment-failure-rate} at 25 % and {@code payment-failure-rate-critical} at
 * 40 %); they differ only in their levels, so the CRITICAL says everything the WARNING would.
 * Immutable and thread-safe.
 */
public final class Inhibition {

    private final Map<String, String> familyOf;
    private final Set<String> criticalFamilies;

    private Inhibition(Map<String, String> familyOf, Set<String> criticalFamilies) {
        this.familyOf = Map.copyOf(familyOf);
        this.criticalFamilies = Set.copyOf(criticalFamilies);
    }

    public static Inhibition of(List<AlertRule> rules) {
        Map<String, String> families = new HashMap<>();
        Set<String> critical = new HashSet<>();
        for (AlertRule rule : rules) {
            if (rule instanceof ThresholdRule t) {
                String family = t.metric() + "|" + t.selector().type() + "|" + t.selector().status() + "|"
                        + t.operator();
                families.put(t.name(), family);
                if (t.severity() == Severity.CRITICAL) {
                    critical.add(family);
                }
            }
        }
        return new Inhibition(families, critical);
    }

    /** The rule family of a rule, empty for a rule of no family (not a threshold rule, or unknown). */
    public Optional<String> family(String rule) {
        return Optional.ofNullable(familyOf.get(rule));
    }

    /**
     * The alert that suppresses {@code alert}, if any: a FIRING CRITICAL in {@code current} of the same
     * family and group whose window overlaps. Only WARNINGs are ever suppressed.
     *
     * @param current the latest known state of the alert buckets (any order; may contain {@code alert})
     */
    public Optional<Alert> inhibitedBy(Alert alert, Collection<Alert> current) {
        if (alert.severity() != Severity.WARNING) {
            return Optional.empty();
        }
        String family = familyOf.get(alert.rule());
        if (family == null) {
            return Optional.empty();
        }
        for (Alert other : current) {
            if (other.severity() == Severity.CRITICAL && other.state() == AlertState.FIRING
                    && family.equals(familyOf.get(other.rule())) && other.group().equals(alert.group())
                    && overlaps(alert, other)) {
                return Optional.of(other);
            }
        }
        return Optional.empty();
    }

    /** Whether some CRITICAL rule shares the family of this WARNING rule (only then can it be inhibited). */
    public boolean canBeInhibited(Alert alert) {
        String family = familyOf.get(alert.rule());
        return alert.severity() == Severity.WARNING && family != null && criticalFamilies.contains(family);
    }

    private static boolean overlaps(Alert a, Alert b) {
        return a.windowStart().isBefore(b.windowEnd()) && b.windowStart().isBefore(a.windowEnd());
    }
}
