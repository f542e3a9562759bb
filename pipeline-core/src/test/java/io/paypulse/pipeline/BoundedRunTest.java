package io.paypulse.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.config.GeneratorSettings;
import io.paypulse.config.PayPulseConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planning a bounded run fills in the seed and keeps every other generator setting as the user gave it. */
class BoundedRunTest {

    @Test
    void aSeedFilledInKeepsTheRestOfTheGeneratorSettings(@TempDir Path dir) {
        GeneratorSettings asked = GeneratorSettings.defaults().with(s -> {
            s.rate = 250;
            s.events = 40;
            s.scenario = "quiet";
            s.logFormat = "python";
        });
        PayPulseConfig config = PayPulseConfig.forCluster("k:1", dir).withGenerator(asked);

        GeneratorSettings planned = BoundedRun.plan(config).config().generator();

        assertThat(planned.seed()).as("a seed, so that a restart resumes the same sequence").isNotNull();
        assertThat(planned.with(s -> s.seed = null))
                .as("--events 40 --set generator.log-format=python: the run writes python lines").isEqualTo(asked);
    }
}
