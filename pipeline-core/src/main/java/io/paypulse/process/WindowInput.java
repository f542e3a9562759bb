package io.paypulse.process;

import io.paypulse.event.Group;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the window stage needs of one parsed event, in a compact binary form for the repartition
 * topic (every event crosses it, so bytes matter). {@code failedPaymentUser} is set only for failed
 * payments, for the per-user velocity rule. An idle mark from a parse task has no group
 * ({@link #isIdleMark()}) and carries the mark's wall-clock time as {@code eventTimeMs}.
 */
record WindowInput(long eventTimeMs, int sourcePartition, int groupIndex, long amountCents, String failedPaymentUser) {

    private static final int HEADER = 19;
    private static final int IDLE_MARK = -1;

    static WindowInput idleMark(int sourcePartition, long wallMs) {
        return new WindowInput(wallMs, sourcePartition, IDLE_MARK, 0, null);
    }

    boolean isIdleMark() {
        return groupIndex == IDLE_MARK;
    }

    Group group() {
        return Group.of(groupIndex);
    }

    static Serde<WindowInput> serde() {
        Serializer<WindowInput> ser = (topic, v) -> {
            byte[] user = v.failedPaymentUser == null ? new byte[0] : v.failedPaymentUser.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(HEADER + user.length).putLong(v.eventTimeMs).putShort((short) v.sourcePartition)
                    .put((byte) v.groupIndex).putLong(v.amountCents).put(user).array();
        };
        Deserializer<WindowInput> de = (topic, bytes) -> {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            long time = b.getLong();
            int partition = b.getShort();
            int group = b.get();
            long amount = b.getLong();
            String user = b.remaining() == 0 ? null
                    : new String(bytes, HEADER, b.remaining(), StandardCharsets.UTF_8);
            return new WindowInput(time, partition, group, amount, user);
        };
        return Serdes.serdeFrom(ser, de);
    }
}
