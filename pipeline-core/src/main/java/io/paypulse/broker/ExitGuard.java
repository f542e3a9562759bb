package io.paypulse.broker;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Kafka's broker code from ending the JVM, or adding JVM shutdown hooks, while an embedded
 * broker runs.
 *
 * <p>Kafka 4.3 routes fatal faults through {@code org.apache.kafka.common.utils.Exit.exit/halt}
 * (e.g. {@code ProcessTerminatingFaultHandler}). While at least one {@link EmbeddedBroker} is open
 * those calls log an error and throw {@link BrokerException} in the calling thread instead. The
 * procedures in place before the first broker started are put back when the last one closes (read
 * by reflection, since {@code Exit} has no getters; if that fails Kafka's defaults are restored).
 *
 * <p>{@code Exit.addShutdownHook} is turned into a no-op for the same time: the only caller on the
 * broker path is {@code KafkaYammerMetrics}' one-time initialisation, which would otherwise leave a
 * {@code kafka-jmx-shutdown-hook} registered for the life of the JVM.
 *
 * <p>Each open broker registers a listener that hears of every refused call (Kafka does not say which broker
 * asked), so it can find out whether it is the one that stopped, e.g. after its log directory failed on a full
 * disk ({@code LogDirFailureHandler} halts), and tell its owner at once instead of running on as a zombie.
 *
 * <p>In Kafka 4.4 {@code Exit} moves to {@code org.apache.kafka.common.utils.internals}.
 */
final class ExitGuard {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private static int holders;
    private static Exit.Procedure previousExit;
    private static Exit.Procedure previousHalt;
    private static Exit.ShutdownHookAdder previousHookAdder;
    private static final List<FatalListener> LISTENERS = new CopyOnWriteArrayList<>();

    /** Told of a refused exit/halt: {@code kind} is "exit" or "halt"; {@code openBrokers} how many are open. */
    interface FatalListener {
        void fatal(String kind, int status, String message, int openBrokers);
    }

    private ExitGuard() {
    }

    static synchronized void acquire() {
        if (holders++ > 0) {
            return;
        }
        previousExit = current("exitProcedure") instanceof Exit.Procedure p ? p : null;
        previousHalt = current("haltProcedure") instanceof Exit.Procedure p ? p : null;
        previousHookAdder = current("shutdownHookAdder") instanceof Exit.ShutdownHookAdder a ? a : null;
        Exit.setExitProcedure((status, message) -> refuse("exit", status, message));
        Exit.setHaltProcedure((status, message) -> refuse("halt", status, message));
        Exit.setShutdownHookAdder((name, runnable) ->
                LOG.debug("Not registering Kafka's JVM shutdown hook {} for the embedded broker", name));
    }

    /** {@link #acquire()} plus a listener for refused calls, removed again by {@link #release(FatalListener)}. */
    static synchronized void acquire(FatalListener listener) {
        acquire();
        LISTENERS.add(listener);
    }

    static synchronized void release(FatalListener listener) {
        LISTENERS.remove(listener);
        release();
    }

    static synchronized void release() {
        if (holders == 0 || --holders > 0) {
            return;
        }
        if (previousExit != null) {
            Exit.setExitProcedure(previousExit);
        } else {
            Exit.resetExitProcedure();
        }
        if (previousHalt != null) {
            Exit.setHaltProcedure(previousHalt);
        } else {
            Exit.resetHaltProcedure();
        }
        if (previousHookAdder != null) {
            Exit.setShutdownHookAdder(previousHookAdder);
        } else {
            Exit.resetShutdownHookAdder();
        }
        previousExit = null;
        previousHalt = null;
        previousHookAdder = null;
    }

    private static void refuse(String kind, int status, String message) {
        String detail = message == null || message.isBlank() ? "" : ": " + message;
        LOG.error("Kafka asked to {} the JVM with status {}{}; the embedded broker refused so the "
                + "application keeps running, but the broker may no longer work", kind, status, detail);
        int open;
        synchronized (ExitGuard.class) {
            open = holders;
        }
        for (FatalListener l : LISTENERS) {
            try {
                l.fatal(kind, status, message, open);
            } catch (RuntimeException e) {
                LOG.warn("A listener of the embedded broker's fatal error failed", e);
            }
        }
        throw new BrokerException("The embedded Kafka broker hit a fatal error (" + kind + " " + status + detail
                + "). Restart PayPulse, and check the log if it happens again.");
    }

    private static Object current(String fieldName) {
        try {
            Field field = Exit.class.getDeclaredField(fieldName);
            field.setAccessible(true);
            return field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Cannot read Exit.{}; Kafka's default will be restored on close", fieldName, e);
            return null;
        }
    }
}
