package io.paypulse.process;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Running counts and sums (cents) of the four groups of one window; mutable, owned by one task. */
final class WindowTotals {

    final long[] counts = new long[4];
    final long[] sums = new long[4];

    void add(int group, long amountCents) {
        counts[group]++;
        sums[group] += amountCents;
    }

    static Serde<WindowTotals> serde() {
        Serializer<WindowTotals> ser = (topic, v) -> {
            ByteBuffer b = ByteBuffer.allocate(64);
            for (int i = 0; i < 4; i++) {
                b.putLong(v.counts[i]).putLong(v.sums[i]);
            }
            return b.array();
        };
        Deserializer<WindowTotals> de = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            WindowTotals t = new WindowTotals();
            for (int i = 0; i < 4; i++) {
                t.counts[i] = b.getLong();
                t.sums[i] = b.getLong();
            }
            return t;
        };
        return Serdes.serdeFrom(ser, de);
    }
}
