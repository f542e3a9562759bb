package io.paypulse.cli;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.ConfigException;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.event.PaymentType;
import io.paypulse.schema.RawEventReader;
import io.paypulse.investigate.Dollars;
import io.paypulse.investigate.EventFilter;
import io.paypulse.investigate.EventsOutput;
import io.paypulse.investigate.EventsQuery;
import io.paypulse.investigate.Masker;
import io.paypulse.investigate.QueryStats;
import io.paypulse.investigate.TimeArgument;
import io.paypulse.schema.SchemaRegistryClient;
import io.paypulse.sink.ParsedRows;
import io.paypulse.threads.Workers;
import io.paypulse.topic.Topics;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Prints the payment and refund events of a time window, read back from the raw topic by "
                + "timestamp and parsed as the processor parses them, as CSV (the parsed CSV's columns) or JSON lines.",
            "Records the processor rejects are skipped and counted on stderr (they are in payment-dlq).",
            "Example: paypulse events --bootstrap localhost:9092 --from 2026-12-03T10:41 --to 2026-12-03T10:42 "
                + "--user user_004711 --failed",
            "Live tail: paypulse events --bootstrap localhost:9092 --follow --type refund"})
final class EventsCommand implements Callable<Integer> {

    /** The composition root of this command: every thread it starts comes from here. */
    private final Workers workers = Workers.standard();

    @Mixin
    CommonOptions common;

    @Mixin
    ClusterAdminOptions cluster;

    @Mixin
    ClientConfigOptions clientConfig;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Start of the window (included): 2026-12-03T10:41:00Z, 2026-12-03T10:41 (local, see --zone) "
                    + "or now-15m. Required unless --follow (then default: now).")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "End of the window (excluded), in the same forms. Required unless --follow (then: open).")
    String to;

    @Option(names = "--zone", paramLabel = "ZONE",
            description = "Time zone of local times such as 2026-12-03T10:41, e.g. UTC or Europe/Paris. "
                    + "Default: this machine's (TZ).")
    String zone;

    @Option(names = "--user", paramLabel = "USER", description = "Only this user id, e.g. user_004711 (or 4711).")
    String user;

    @Option(names = "--order", paramLabel = "ORDER", description = "Only order ids containing this text.")
    String order;

    @Option(names = "--id", paramLabel = "ID", description = "Only payment or refund ids containing this text.")
    String id;

    @Option(names = "--min-amount", paramLabel = "DOLLARS", description = "Only amounts of at least this, e.g. 100 or 99.50.")
    String minAmount;

    @Option(names = "--max-amount", paramLabel = "DOLLARS", description = "Only amounts of at most this.")
    String maxAmount;

    @Option(names = "--type", paramLabel = "TYPE", description = "payment or refund (default: both).")
    String type;

    @Option(names = "--failed", description = "Only failed payments/refunds.")
    boolean failedOnly;

    @Option(names = "--ok", description = "Only successful payments/refunds.")
    boolean okOnly;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Only failures whose reason contains this text, e.g. \"card declined\".")
    String reason;

    @Option(names = "--follow", description = "Keep printing new events as they arrive (Ctrl-C to stop).")
    boolean follow;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv",
            description = "csv (default: the parsed CSV's columns and quoting) or json (one object per line).")
    String format;

    @Option(names = "--mask", description = "Replace user ids and IP addresses by tags (user#3fa2c19b, ip#77e1d0a2), "
            + "the same tag for the same value within this run.")
    boolean mask;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = Topics.RAW,
            description = "The raw topic to read. Default ${DEFAULT-VALUE}.")
    String topic;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PayPulseConfig config = common.load();
        EventFilter filter = filter(Clock.systemUTC());
        EventsOutput.Format shape = format();
        GenerateCommand.requireBootstrap(config);
        RawEventReader reader = config.hasSchemaRegistry()
                ? RawEventReader.withRegistry(new SchemaRegistryClient(config.schemaRegistryUrl()),
                        RawEventReader.DEFAULT_REGISTRY_WAIT)
                : RawEventReader.local();
        PrintWriter out = spec.commandLine().getOut();
        EventsOutput output = new EventsOutput(out, shape, mask ? Masker.random() : null);
        output.begin();
        QueryStats stats;
        try (EventsQuery query = new EventsQuery(ClusterClients.base(config, "paypulse-events"), topic,
                new ParsedRows(reader, Clock.systemUTC()), EventsQuery.DEFAULT_LATENESS, cluster.timeout())) {
            if (follow) {
                stats = followUntilInterrupted(query, filter, output, workers);
            } else {
                stats = query.read(filter, output::write);
            }
        }
        spec.commandLine().getErr().println(stats.summary() + ".");
        return 0;
    }

    /** Ctrl-C stops the tail; the summary is still printed. */
    private static QueryStats followUntilInterrupted(EventsQuery query, EventFilter filter, EventsOutput output,
            Workers workers) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = workers.shutdownHook("events-stop", () -> {
            query.stop();
            try {
                done.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return query.follow(filter, output::write, s -> { });
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    EventFilter filter(Clock clock) {
        ZoneId z = zone();
        if (!follow && (from == null || to == null)) {
            throw new ConfigException("Give the window with --from TIME and --to TIME (e.g. --from 2026-12-03T10:41 "
                    + "--to 2026-12-03T10:42), or --follow for a live tail.");
        }
        Instant start = from == null ? null : TimeArgument.parse("--from", from, z, clock);
        Instant end = to == null ? null : TimeArgument.parse("--to", to, z, clock);
        if (start == null && follow) {
            start = clock.instant();
        }
        if (start != null && end != null && !start.isBefore(end)) {
            throw new ConfigException("--from (" + start + ") must be before --to (" + end + ").");
        }
        if (failedOnly && okOnly) {
            throw new ConfigException("Give --failed or --ok, not both.");
        }
        Long min = cents("--min-amount", minAmount);
        Long max = cents("--max-amount", maxAmount);
        if (min != null && max != null && min > max) {
            throw new ConfigException("--min-amount (" + minAmount + ") is above --max-amount (" + maxAmount + ").");
        }
        return new EventFilter(start, end, user, order, id, min, max, type(),
                failedOnly ? Boolean.TRUE : okOnly ? Boolean.FALSE : null, reason);
    }

    private ZoneId zone() {
        if (zone == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ConfigException.invalid("--zone", zone, "a time zone id such as UTC, Europe/Paris or +01:00");
        }
    }

    private PaymentType type() {
        if (type == null) {
            return null;
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "payment" -> PaymentType.PAYMENT;
            case "refund" -> PaymentType.REFUND;
            default -> throw ConfigException.invalid("--type", type, "payment or refund");
        };
    }

    private EventsOutput.Format format() {
        try {
            return EventsOutput.Format.parse(format);
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid("--format", format, "csv or json");
        }
    }

    private static Long cents(String option, String dollars) {
        try {
            return Dollars.cents(dollars);
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid(option, dollars, Dollars.ALLOWED);
        }
    }
}
