package io.paypulse.app.startup;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The app's log file, {@code <data dir>/logs/paypulse.log}: the same lines as stderr (logback.xml),
 * rolled daily and at 10 MB, 7 days and 100 MB kept. Added in code rather than in logback.xml
 * because the data directory is only known once the launch options and config file are read.
 */
public final class LogFile {

    public static final String NAME = "paypulse.log";
    private static final String APPENDER = "PAYPULSE_FILE";

    private LogFile() {
    }

    /**
     * Sends the root logger's output to {@code dir/paypulse.log} as well; replaces an earlier file
     * appender of this class (tests start the app several times in one JVM).
     *
     * @return false when logback is not the SLF4J binding (nothing attached)
     */
    public static synchronized boolean attach(Path dir) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return false;
        }
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> old = root.getAppender(APPENDER);
        if (old != null) {
            root.detachAppender(old);
            old.stop();
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n");
        encoder.start();

        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(ctx);
        file.setName(APPENDER);
        file.setFile(dir.resolve(NAME).toString());
        file.setEncoder(encoder);

        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(ctx);
        policy.setParent(file);
        policy.setFileNamePattern(dir.resolve("paypulse.%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.setMaxHistory(7);
        policy.setTotalSizeCap(FileSize.valueOf("100MB"));
        policy.start();
        file.setRollingPolicy(policy);
        file.start(); // creates the directory
        root.addAppender(file);
        return file.isStarted();
    }
}
