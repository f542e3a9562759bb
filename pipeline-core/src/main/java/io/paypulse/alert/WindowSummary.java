package io.paypulse.alert;

import io.paypulse.event.Group;
import io.paypulse.event.PaymentType;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Final totals of one 1-minute window. counts/sums indexed by Group.index() (Payment/ok, Payment/failed,
 * Refund/ok, Refund/failed); sums in cents.
 *
 * <p>{@code failedPaymentsByUser} holds failed payments per user id for every user who had any; a user
 * missing from it had none (null is read as empty). It must be complete: velocity rules compare a
 * user with the average of the users in it.
 * The arrays and the map are not copied: the caller hands them over and does not change them afterwards.
 */
public record WindowSummary(Instant start, Instant end, long[] counts, long[] sumsCents,
        Map<String, Long> failedPaymentsByUser) {

    public WindowSummary {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window end " + end + " is not after its start " + start);
        }
        if (counts == null || counts.length != Group.ALL.size()) {
            throw new IllegalArgumentException("counts must have one slot per group (4)");
        }
        if (sumsCents == null || sumsCents.length != Group.ALL.size()) {
            throw new IllegalArgumentException("sumsCents must have one slot per group (4)");
        }
        failedPaymentsByUser = failedPaymentsByUser == null ? Map.of() : failedPaymentsByUser;
    }

    /** A window in which nothing happened; the engine uses it for minutes missing between two windows. */
    public static WindowSummary empty(Instant start, Instant end) {
        return new WindowSummary(start, end, new long[4], new long[4], Map.of());
    }

    public long count(Group group) {
        return counts[group.index()];
    }

    public long sumCents(Group group) {
        return sumsCents[group.index()];
    }

    /** Events of a type, successful and failed. */
    public long count(PaymentType type) {
        return count(Group.of(type, false)) + count(Group.of(type, true));
    }

    /** All events of the window. */
    public long totalCount() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }
}
