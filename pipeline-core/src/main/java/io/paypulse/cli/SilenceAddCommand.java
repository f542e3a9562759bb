package io.paypulse.cli;

import io.paypulse.alert.AlertRule;
import io.paypulse.config.ConfigException;
import io.paypulse.config.ConfigKeys;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.notify.Silence;
import io.paypulse.notify.SilenceWriter;
import io.paypulse.notify.Silences;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Stops delivering the alerts of one rule (or every rule) for a while.",
            "They are still recorded and shown, only not sent to any contact point. Prints the new silence's id.",
            "Example: paypulse silence add --bootstrap localhost:9092 --rule payment-failure-rate --for 2h "
                    + "--comment 'gateway maintenance'"})
final class SilenceAddCommand implements Callable<Integer> {

    private static final String AT_MOST = "at most " + Silences.MAX_LENGTH.toDays() + " days";

    @Mixin
    CommonOptions common;

    @Mixin
    ClusterAdminOptions cluster;

    @Mixin
    ClientConfigOptions clientConfig;

    @SettingFlag(ConfigKeys.RULES)
    @Option(names = "--rules", paramLabel = "FILE",
            description = "The alert rules (YAML) whose names --rule may take. Default: the configured or shipped rules.")
    String rules;

    @Option(names = "--rule", required = true, paramLabel = "RULE",
            description = "The rule to silence, or * for every rule.")
    String rule;

    @Option(names = "--group", paramLabel = "GROUP", defaultValue = Silence.ANY,
            description = "Only alerts of this group (e.g. Payment/failed, or a user id for velocity rules). "
                    + "Default: * (every group).")
    String group;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Until until;

    static final class Until {
        @Option(names = "--for", paramLabel = "LENGTH", description = "How long, e.g. 15m, 2h or 1d (at most 30 days).")
        String length;

        @Option(names = "--until", paramLabel = "TIME",
                description = "When it ends, ISO-8601 with a zone, e.g. 2026-12-03T18:00:00Z.")
        String time;
    }

    @Option(names = "--comment", paramLabel = "TEXT", defaultValue = "", description = "Why (shown in lists).")
    String comment;

    @Option(names = "--by", paramLabel = "NAME", description = "Who silences (shown in lists). Default: your user name.")
    String by;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PayPulseConfig config = common.load();
        checkRule(config);
        // Whole seconds: times are typed and read by people, and --for 2h should show "2h".
        Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofSeconds(1));
        Duration length = length();
        Instant until = until(clock.instant());
        String createdBy = by != null && !by.isBlank() ? by.strip() : System.getProperty("user.name", "cli");
        try (SilenceTopic topic = SilenceTopic.open(config, cluster); SilenceWriter writer = topic.writer(clock)) {
            Instant now = clock.instant();
            Silence s;
            try {
                s = writer.add(rule, group, length != null ? now.plus(length) : until, comment, createdBy);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
            spec.commandLine().getOut().printf("Added silence %s: rule %s, group %s, until %s (%s).%n", s.id(),
                    s.rule(), s.group(), s.endsAt(), Silences.formatLength(Duration.between(now, s.endsAt())));
        }
        return 0;
    }

    private void checkRule(PayPulseConfig config) {
        if (rule.equals(Silence.ANY)) {
            return;
        }
        List<String> names = Rules.of(config).stream().map(AlertRule::name).toList();
        if (!names.contains(rule)) {
            String file = config.processor().rulesFile() == null ? "the shipped rules"
                    : "the rules of " + config.processor().rulesFile();
            throw new ConfigException("Unknown rule '" + rule + "' for --rule: give * or one of " + String.join(", ", names)
                    + " (" + file + ").");
        }
    }

    /** The --for length, or null when --until was given. */
    private Duration length() {
        if (until.length == null) {
            return null;
        }
        Duration d;
        try {
            d = Silences.parseLength(until.length);
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid("--for", until.length, Silences.LENGTH_FORMS + ", " + AT_MOST);
        }
        if (d.isZero() || d.compareTo(Silences.MAX_LENGTH) > 0) {
            throw ConfigException.invalid("--for", until.length, "more than 0 and " + AT_MOST);
        }
        return d;
    }

    /** The --until time, or null when --for was given. */
    private Instant until(Instant now) {
        if (until.time == null) {
            return null;
        }
        Instant end;
        try {
            end = OffsetDateTime.parse(until.time).toInstant();
        } catch (DateTimeParseException e) {
            throw ConfigException.invalid("--until", until.time,
                    "an ISO-8601 time with a zone such as " + now.plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES));
        }
        if (!end.isAfter(now) || end.isAfter(now.plus(Silences.MAX_LENGTH))) {
            throw ConfigException.invalid("--until", until.time, "a time after now (" + now + ") and " + AT_MOST
                    + " ahead");
        }
        return end;
    }
}
