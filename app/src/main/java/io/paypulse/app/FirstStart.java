package io.paypulse.app;

import io.paypulse.app.startup.AppDirs;
import io.paypulse.app.startup.FirstRun;
import io.paypulse.app.startup.LogFile;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** At each start, on the pipeline thread before any Start: the log file, and on a first start the folders and default files. */
final class FirstStart {

    private static final Logger LOG = LoggerFactory.getLogger(FirstStart.class);

    private FirstStart() {
    }

    /** Data and config directories, commented config, rules copy; the log file. Logs, never throws. */
    static void run(AppDirs dirs, Map<String, String> env) {
        if (LogFile.attach(dirs.logDir())) {
            LOG.info("PayPulse {} logging to {}", PayPulseApp.class.getPackage().getImplementationVersion(),
                    dirs.logFile());
        }
        try {
            for (var created : FirstRun.ensure(dirs, env)) {
                LOG.info("First run: created {}", created);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not create the PayPulse folders or default files: {}", e.toString());
        }
    }
}
