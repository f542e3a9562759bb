package io.paypulse.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Switches between the quiet default (see logback.xml) and --verbose detail. */
final class Logging {

    private Logging() {
    }

    static void verbose(boolean on) {
        if (!on || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        ctx.getLogger("io.paypulse").setLevel(Level.DEBUG);
        ctx.getLogger("org.apache.kafka").setLevel(Level.INFO);
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
    }
}
