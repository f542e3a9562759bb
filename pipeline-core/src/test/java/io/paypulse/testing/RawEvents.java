package io.paypulse.testing;

import io.paypulse.event.Level;
import io.paypulse.event.LogEvent;
import io.paypulse.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes raw events of a known shape to a test topic, as the generator writes them (the
 * {@link Topics#RAW_VALUE} serializer), each with its own record timestamp; and bad values the processor
 * rejects. The messages are spelled out here from the documented format, not by PayPulse's code.
 */
public final class RawEvents implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Serializer<LogEvent> values = Topics.RAW_VALUE.serializer();

    public RawEvents(String topic) {
        this.topic = topic;
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** One event; {@code reference} is the payment/refund id (successes) and ignored for failures. */
    public void send(int key, Instant eventTime, Instant recordTime, boolean refund, boolean failed, String order,
            long cents, String user, String reference, String reason, String ip) {
        String amount = String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
        String what = refund ? (failed ? "Refund FAILED" : "Refund processed") : (failed ? "Payment FAILED" : "Payment successful");
        String tail = failed ? "Reason: " + reason : (refund ? "Refund ID: " : "Payment ID: ") + reference;
        String message = what + " for order " + order + ". Amount: $" + amount + ". User: " + user + ". " + tail
                + ". IP: " + ip;
        byte[] value = values.serialize(topic, new LogEvent(eventTime, failed ? Level.ERROR : Level.INFO, message));
        sendRaw(key, recordTime, value);
    }

    public void sendRaw(int key, Instant recordTime, byte[] value) {
        producer.send(new ProducerRecord<>(topic, null, recordTime.toEpochMilli(),
                ("k" + key).getBytes(StandardCharsets.UTF_8), value));
    }

    public void flush() {
        producer.flush();
    }

    /** order_ + 12 hex digits from {@code i}. */
    public static String order(int i) {
        return String.format(Locale.ROOT, "order_%012x", 0xabc000000L + i);
    }

    public static String reference(boolean refund, int i) {
        return String.format(Locale.ROOT, refund ? "ref_%016x" : "pay_%016x", 0xfeed00000000L + i);
    }

    public static String user(int n) {
        return String.format(Locale.ROOT, "user_%06d", n);
    }

    public static String ip(int i) {
        return "203.0." + (i / 250 % 250) + "." + (i % 250 + 1);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
