package io.paypulse.notify;

import io.paypulse.event.serde.JsonSerde;
import io.paypulse.topic.Topics;
import org.apache.kafka.common.serialization.Serde;

/** Value serdes of {@link Topics#SILENCES} and {@link Topics#NOTIFICATIONS}; keys are strings. */
public final class NotifySerdes {

    public static final Serde<Silence> SILENCE = new JsonSerde<>(Silence.class);
    public static final Serde<DeliveryReceipt> RECEIPT = new JsonSerde<>(DeliveryReceipt.class);

    private NotifySerdes() {
    }
}
