package io.paypulse.alert;

import io.paypulse.event.Severity;
import java.util.regex.Pattern;

/**
 * One alert rule, as read from a rules file by {@link RulesFile}. There is one record per kind;
 * the records check their own invariants (IllegalArgumentException), the rules file reports a
 * user's mistakes as {@link RulesException} sentences before they get here.
 */
public sealed interface AlertRule permits ThresholdRule, NoDataRule, AnomalyRule, VelocityRule {

    /** What a rule name may look like: it becomes part of alert ids and Kafka keys. */
    Pattern NAME = Pattern.compile("[a-z0-9-]+");

    String name();

    Severity severity();

    /** Free text for people; empty when the file gives none. */
    String description();

    /** A disabled rule is loaded and checked but never evaluated. */
    boolean enabled();

    /** The {@code kind:} spelling in the rules file. */
    String kind();

    /** Checks the fields every kind shares. */
    static void checkCommon(String name, Severity severity, String description) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("rule name '" + name + "' must match [a-z0-9-]+");
        }
        if (severity == null) {
            throw new IllegalArgumentException("rule '" + name + "' needs a severity");
        }
        if (description == null) {
            throw new IllegalArgumentException("rule '" + name + "': description is empty, not null");
        }
    }
}
