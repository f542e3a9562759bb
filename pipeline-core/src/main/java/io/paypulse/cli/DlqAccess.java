package io.paypulse.cli;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.ConfigException;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.dlq.DeadLetterQueue;
import io.paypulse.dlq.Redriver;
import io.paypulse.investigate.TimeArgument;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the {@code dlq} commands share: clients of the configured cluster, and their time and position arguments. */
final class DlqAccess {

    private static final Pattern POSITION = Pattern.compile("(\\d+)/(\\d+)");

    private DlqAccess() {
    }

    static DeadLetterQueue reader(PayPulseConfig config, ClusterAdminOptions cluster) {
        return new DeadLetterQueue(props(config), cluster.timeout());
    }

    static Redriver redriver(PayPulseConfig config, ClusterAdminOptions cluster) {
        return new Redriver(props(config), cluster.timeout());
    }

    private static Map<String, Object> props(PayPulseConfig config) {
        GenerateCommand.requireBootstrap(config);
        return ClusterClients.base(config, "paypulse-dlq");
    }

    /**
     * {@code --since}: an ISO-8601 instant ({@code 2026-12-03T10:41:00Z}) or a time back from now
     * ({@code 90s}, {@code 15m}, {@code 6h}, {@code 7d}); null when not given.
     */
    static Instant since(String text, Clock clock) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return TimeArgument.parse("--since", text, ZoneId.systemDefault(), clock);
    }

    /** {@code <partition>/<offset>} of the DLQ as {partition, offset}. */
    static long[] position(String text) {
        Matcher m = POSITION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw ConfigException.invalid("dead letter", text, "<partition>/<offset> of payment-dlq, e.g. 0/42 "
                    + "(paypulse dlq list shows them)");
        }
        try {
            return new long[] {Integer.parseInt(m.group(1)), Long.parseLong(m.group(2))};
        } catch (NumberFormatException e) {
            throw ConfigException.invalid("dead letter", text, "<partition>/<offset> with numbers in range");
        }
    }
}
