package io.paypulse.app.dlq;

import io.paypulse.cluster.ClusterClients;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.dlq.DeadLetterQueue;
import io.paypulse.dlq.Redriver;
import io.paypulse.topic.Topics;
import java.time.Duration;
import java.util.Map;

/**
 * Opens the clients the Dead letters tab needs, one of each per operation (a reader of the DLQ and
 * a producer to the raw topic); the caller closes them. Blocking: call off the FX thread.
 */
public interface DlqClients {

    Duration TIMEOUT = Duration.ofSeconds(15);

    DeadLetterQueue reader();

    Redriver redriver();

    /** The session's cluster, the pipeline's topics. */
    static DlqClients of(PayPulseConfig config) {
        return of(ClusterClients.base(config, "paypulse-app-dlq"), Topics.DLQ, Topics.RAW);
    }

    /** Given client properties and topics (tests on a shared broker use their own topics). */
    static DlqClients of(Map<String, Object> clientProps, String dlqTopic, String rawTopic) {
        Map<String, Object> props = Map.copyOf(clientProps);
        return new DlqClients() {
            @Override
            public DeadLetterQueue reader() {
                return new DeadLetterQueue(props, dlqTopic, TIMEOUT);
            }

            @Override
            public Redriver redriver() {
                return new Redriver(props, rawTopic, TIMEOUT);
            }
        };
    }
}
