package io.paypulse.event.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.paypulse.event.Level;
import io.paypulse.event.MessageFormatException;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns a raw log value (JSON bytes) into a {@link ParsedEvent}, or says why it cannot.
 * Strict where meaning is at stake (types, the message grammar, level vs outcome, timestamps the
 * broker would refuse), lenient where it is not (extra fields are ignored). Thread-safe.
 *
 * <p>Hot path (issue 11: the parse was most of the processor's per-event floor): a value of the
 * plain shape both generators write is read by {@link PlainLogLine}, its timestamp by
 * {@link IsoInstant} and its message from the bytes by {@link PlainPayment}, without Jackson,
 * {@code DateTimeFormatter} or a message String; anything else goes through
 * Jackson and java.time, which then give the rejection text. The outcome is the same either way
 * ({@code LogLineParserAgreementTest} and {@code IsoInstantPropertyTest} compare with the parser as
 * it was); {@code make bench-parser} measures the difference.
 */
public final class LogLineParser {

    /** Larger values are rejected before parsing; a real log line is under 300 bytes. */
    public static final int MAX_VALUE_BYTES = 16 * 1024;
    /** The broker refuses timestamps more than 1 h ahead; we refuse earlier, with a reason. */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(15);
    /**
     * The earliest event time accepted: Kafka record timestamps cannot be negative, and the event time
     * becomes the timestamp of the records the processor writes.
     */
    public static final Instant MIN_EVENT_TIME = Instant.EPOCH;

    private static final long SKEW_SECONDS = MAX_FUTURE_SKEW.getSeconds(); // whole seconds: nanos are 0

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * @param value the raw record value (may be null)
     * @param now   wall-clock time, to reject events from the future
     */
    public ParseOutcome parse(byte[] value, Instant now) {
        if (value == null || value.length == 0) {
            return ParseOutcome.rejected("empty value");
        }
        if (value.length > MAX_VALUE_BYTES) {
            return ParseOutcome.rejected("value is " + value.length + " bytes, more than the "
                    + MAX_VALUE_BYTES + "-byte limit");
        }
        PlainLogLine.Line plain = PlainLogLine.scan(value);
        if (plain != null) {
            // The message read from the bytes; only one the grammar refuses becomes a String, for the reason.
            PaymentMessage m = PlainPayment.read(value, plain.messageStart(), plain.messageEnd());
            String text = m != null ? null
                    : new String(value, plain.messageStart(), plain.messageEnd() - plain.messageStart(), StandardCharsets.ISO_8859_1);
            return parseFields(plain.timestamp(), plain.level(), m, text, now);
        }
        return parseWithJackson(value, now);
    }

    /** Any JSON value: the authority on what is wrong with a value that is not of the plain shape. */
    private ParseOutcome parseWithJackson(byte[] value, Instant now) {
        String timestamp = null;
        String level = null;
        String message = null;
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return ParseOutcome.rejected("value is not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "timestamp", "level", "message" -> {
                        if (v != JsonToken.VALUE_STRING) {
                            return ParseOutcome.rejected("field '" + field + "' must be a string, found " + describe(v));
                        }
                        String text = p.getText();
                        String previous = switch (field) {
                            case "timestamp" -> timestamp;
                            case "level" -> level;
                            default -> message;
                        };
                        if (previous != null) {
                            return ParseOutcome.rejected("field '" + field + "' appears twice");
                        }
                        if (field.equals("timestamp")) {
                            timestamp = text;
                        } else if (field.equals("level")) {
                            level = text;
                        } else {
                            message = text;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                return ParseOutcome.rejected("value is not a complete JSON object");
            }
            if (p.nextToken() != null) {
                return ParseOutcome.rejected("trailing data after the JSON object");
            }
        } catch (IOException e) {
            return ParseOutcome.rejected("invalid JSON: " + firstLine(e.getMessage()));
        }
        if (timestamp == null || level == null || message == null) {
            return ParseOutcome.rejected("missing field '" + (timestamp == null ? "timestamp" : level == null ? "level" : "message") + "'");
        }
        return parseFields(timestamp, level, message, now);
    }

    ParseOutcome parseFields(String timestamp, String levelText, String message, Instant now) {
        return parseFields(timestamp, levelText, null, message, now);
    }

    /** @param known the message already read ({@link PlainPayment}), or null to read {@code message} */
    private ParseOutcome parseFields(String timestamp, String levelText, PaymentMessage known, String message, Instant now) {
        Instant eventTime;
        try {
            eventTime = parseTimestamp(timestamp);
        } catch (DateTimeException e) { // DateTimeParseException and any other date error
            return ParseOutcome.rejected("timestamp '" + abbreviate(timestamp) + "' is not ISO-8601");
        }
        if (eventTime.isBefore(MIN_EVENT_TIME)) {
            return ParseOutcome.rejected("timestamp " + eventTime + " is before " + MIN_EVENT_TIME
                    + ", the earliest time a Kafka record can carry");
        }
        if (isMoreThanSkewAhead(eventTime, now)) {
            return ParseOutcome.rejected("timestamp " + eventTime + " is more than "
                    + MAX_FUTURE_SKEW.toMinutes() + " minutes in the future");
        }
        Level level;
        if ("INFO".equals(levelText)) {
            level = Level.INFO;
        } else if ("ERROR".equals(levelText)) {
            level = Level.ERROR;
        } else {
            return ParseOutcome.rejected("level '" + abbreviate(levelText) + "' is not INFO or ERROR");
        }
        PaymentMessage m = known;
        try {
            if (m == null) {
                m = PaymentMessage.parse(message);
            }
        } catch (MessageFormatException e) {
            return ParseOutcome.rejected("message: " + e.getMessage());
        }
        if (m.failed() != (level == Level.ERROR)) {
            return ParseOutcome.rejected("level " + level + " does not match a "
                    + (m.failed() ? "failed" : "successful") + " " + m.type().label().toLowerCase() + " message");
        }
        boolean payment = m.type() == PaymentType.PAYMENT;
        return ParseOutcome.ok(new ParsedEvent(eventTime, level, m.type(), m.failed(), m.orderId(), m.amountCents(),
                m.userId(), m.ipAddress(),
                payment ? m.reference() : null,
                m.reason(),
                payment ? null : m.reference()));
    }

    /** ISO-8601 with an offset, or without one (the original Python wrote naive UTC times). */
    static Instant parseTimestamp(String text) {
        return IsoInstant.parse(text);
    }

    /**
     * {@code t.isAfter(now.plus(MAX_FUTURE_SKEW))} without allocating an Instant per event; the same
     * answer for any event time (epoch seconds of instants are within ±3.2e16, so the difference
     * cannot overflow), and unlike {@code now.plus} it cannot throw for a {@code now} near Instant.MAX.
     */
    static boolean isMoreThanSkewAhead(Instant t, Instant now) {
        long aheadSeconds = t.getEpochSecond() - now.getEpochSecond();
        return aheadSeconds > SKEW_SECONDS || aheadSeconds == SKEW_SECONDS && t.getNano() > now.getNano();
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> t.toString();
        };
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
