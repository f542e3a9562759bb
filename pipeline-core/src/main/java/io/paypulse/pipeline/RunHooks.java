package io.paypulse.pipeline;

import io.paypulse.config.PayPulseConfig;
import io.paypulse.generate.Generator;

/** Steps a caller of {@link LocalPipeline} may take between its start-up stages. */
public interface RunHooks {

    RunHooks NONE = new RunHooks() {
    };

    /** The cluster answers (the embedded broker is up); the processor has not started. */
    default void clusterReady(PayPulseConfig config) {
    }

    /** The processor runs and the topics exist; the generator is made but not started. */
    default void beforeGenerator(PayPulseConfig config, Generator generator) {
    }
}
