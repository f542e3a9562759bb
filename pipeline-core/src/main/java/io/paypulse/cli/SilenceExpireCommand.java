package io.paypulse.cli;

import io.paypulse.config.ConfigException;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.notify.Silence;
import io.paypulse.notify.SilenceState;
import io.paypulse.notify.SilenceWriter;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "expire", mixinStandardHelpOptions = true,
        description = {"Ends a silence now; the alerts it matched are delivered again.",
            "The silence stays in 'silence list --all' as ended.",
            "Example: paypulse silence expire --bootstrap localhost:9092 1a2b3c4d"})
final class SilenceExpireCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    ClusterAdminOptions cluster;

    @Mixin
    ClientConfigOptions clientConfig;

    @Parameters(paramLabel = "ID", description = "The silence's id, as 'silence list' shows it.")
    String id;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PayPulseConfig config = common.load();
        Clock clock = Clock.systemUTC();
        PrintWriter out = spec.commandLine().getOut();
        try (SilenceTopic topic = SilenceTopic.open(config, cluster); SilenceWriter writer = topic.writer(clock)) {
            Optional<Silence> before = topic.silences().find(id.strip());
            if (before.isEmpty()) {
                throw new ConfigException("No silence has the id '" + id.strip()
                        + "'; 'paypulse silence list --all' shows them.");
            }
            Instant now = clock.instant();
            if (SilenceState.of(before.get(), now) == SilenceState.ENDED) {
                out.printf("Silence %s had already ended at %s.%n", id.strip(), before.get().endsAt());
                return 0;
            }
            Optional<Silence> after = writer.expire(id.strip());
            if (after.isEmpty()) {
                out.printf("Removed silence %s, which had not started yet.%n", id.strip());
            } else {
                out.printf("Expired silence %s (rule %s, group %s).%n", id.strip(), after.get().rule(),
                        after.get().group());
            }
        }
        return 0;
    }
}
