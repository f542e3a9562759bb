package io.paypulse.schema;

import java.util.Arrays;

/**
 * The Confluent Schema Registry wire format: magic byte {@code 0}, the schema id as 4 bytes big-endian,
 * then the payload (here the event's JSON). A plain JSON value starts with {@code {} (or white space),
 * never with byte 0, so both can share a topic.
 */
public final class WireFormat {

    public static final byte MAGIC = 0;
    public static final int HEADER_BYTES = 5;

    private WireFormat() {
    }

    /** True when the value starts with the magic byte (it may still be too short to be valid). */
    public static boolean isFramed(byte[] value) {
        return value != null && value.length > 0 && value[0] == MAGIC;
    }

    public static byte[] frame(int schemaId, byte[] payload) {
        byte[] out = new byte[HEADER_BYTES + payload.length];
        out[0] = MAGIC;
        out[1] = (byte) (schemaId >>> 24);
        out[2] = (byte) (schemaId >>> 16);
        out[3] = (byte) (schemaId >>> 8);
        out[4] = (byte) schemaId;
        System.arraycopy(payload, 0, out, HEADER_BYTES, payload.length);
        return out;
    }

    /** The schema id of a framed value; the caller checks {@link #isFramed} and the length first. */
    public static int schemaId(byte[] framed) {
        return ((framed[1] & 0xff) << 24) | ((framed[2] & 0xff) << 16) | ((framed[3] & 0xff) << 8) | (framed[4] & 0xff);
    }

    public static byte[] payload(byte[] framed) {
        return Arrays.copyOfRange(framed, HEADER_BYTES, framed.length);
    }
}
