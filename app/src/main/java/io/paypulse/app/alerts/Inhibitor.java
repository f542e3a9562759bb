package io.paypulse.app.alerts;

import io.paypulse.event.Alert;
import java.util.Collection;
import java.util.Optional;

/**
 * Which alert, if any, suppresses another in delivery (a firing CRITICAL over the WARNING of the
 * same rule family, group and window): the feed folds the suppressed one under it. The rules'
 * {@code io.paypulse.notify.Inhibition} is the real one; {@link #none()} folds nothing.
 */
@FunctionalInterface
public interface Inhibitor {

    Optional<Alert> inhibitedBy(Alert alert, Collection<Alert> current);

    static Inhibitor none() {
        return (alert, current) -> Optional.empty();
    }
}
