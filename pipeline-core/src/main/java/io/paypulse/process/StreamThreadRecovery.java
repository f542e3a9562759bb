package io.paypulse.process;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTxnStateException;

/**
 * Whether a stream thread that died on an error of the cluster, not of a record, should be replaced
 * rather than the whole client shut down.
 *
 * <p>A lost transaction: after the broker holding the transaction coordinator is killed and comes
 * back, the thread's producer can find its open transaction gone or in another state and fail its
 * commit with {@link InvalidTxnStateException} (seen in a {@code ChaosIT} run under heavy load: the client shut
 * down and nothing was processed again). The record is not at fault: a new thread gets a new
 * producer whose {@code initTransactions} aborts whatever is open, and its tasks resume from the
 * last committed offsets, so nothing is lost or counted twice.
 *
 * <p>No broker to hold an internal topic: a broker that stops (or restarts) while this instance leads
 * a rebalance makes the assignor's creation of the repartition topic fail with
 * {@link InvalidReplicationFactorException} ("all brokers are currently fenced"), which Kafka Streams
 * treats as fatal (seen in {@code HealthTruthIT}: the processor stopped instead of waiting for the
 * cluster). A new thread joins again and creates the topic once a broker is back.
 *
 * <p>At most {@link #MAX_REPLACEMENTS} per {@link #WINDOW}: an error that keeps coming back still
 * stops the client. Thread-safe.
 */
final class StreamThreadRecovery {

    static final int MAX_REPLACEMENTS = 5;
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final Clock clock;
    private final Deque<Instant> recent = new ArrayDeque<>();

    StreamThreadRecovery(Clock clock) {
        this.clock = clock;
    }

    /** True when {@code e} is a cluster error a new thread recovers from, within the budget. */
    synchronized boolean replaceThreadFor(Throwable e) {
        if (!transactionStateLost(e) && !noBrokerForInternalTopic(e)) {
            return false;
        }
        Instant now = clock.instant();
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(WINDOW))) {
            recent.removeFirst();
        }
        if (recent.size() >= MAX_REPLACEMENTS) {
            return false;
        }
        recent.addLast(now);
        return true;
    }

    static boolean transactionStateLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidTxnStateException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    static boolean noBrokerForInternalTopic(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidReplicationFactorException) {
                return true;
            }
        }
        return false;
    }
}
