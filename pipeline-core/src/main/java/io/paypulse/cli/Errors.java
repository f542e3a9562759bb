package io.paypulse.cli;

import io.paypulse.broker.BrokerException;
import io.paypulse.cluster.ClusterUnreachableException;
import io.paypulse.config.ConfigException;
import io.paypulse.investigate.EventsException;
import io.paypulse.process.ProcessorStoppedException;
import io.paypulse.schema.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns failures into one plain sentence on stderr and an exit code: 2 for a bad setting, 1 for
 * anything else. Stack traces go to the log at DEBUG (shown with --verbose), except for bugs.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {

    static final int BAD_CONFIG = 2;
    static final int FAILED = 1;
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (e instanceof CommonOptions.ConfigShown) {
            return 0;
        }
        if (e instanceof ConfigException) {
            cmd.getErr().println("paypulse: " + e.getMessage());
            LOG.debug("configuration error", e);
            return BAD_CONFIG;
        }
        if (e instanceof BrokerException || e instanceof ClusterUnreachableException
                || e instanceof SchemaRegistryException || e instanceof ProcessorStoppedException
                || e instanceof EventsException) {
            cmd.getErr().println("paypulse: " + e.getMessage());
            LOG.debug("runtime error", e);
            return FAILED;
        }
        cmd.getErr().println("paypulse: unexpected error: " + e);
        LOG.error("unexpected error", e);
        return FAILED;
    }
}
