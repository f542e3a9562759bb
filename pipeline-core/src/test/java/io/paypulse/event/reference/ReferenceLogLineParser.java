package io.paypulse.event.reference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.paypulse.event.Level;
import io.paypulse.event.MessageFormatException;
import io.paypulse.event.parse.LogLineParser;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.PaymentMessage;
import io.paypulse.event.PaymentType;
import io.paypulse.event.parse.ParseOutcome;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/**
 * A frozen copy of {@code LogLineParser} as it was before issue 11 (Jackson streaming parser,
 * {@code DateTimeFormatter.parseBest}, the recursive-descent message reader on a String). Test scope
 * only: the oracle the faster parser must agree with (same event, same rejection text, for every
 * input) and the baseline of {@code ParserBench}. Do not "improve" it.
 */
public final class ReferenceLogLineParser {

    private static final int MAX_VALUE_BYTES = LogLineParser.MAX_VALUE_BYTES;
    private static final Duration MAX_FUTURE_SKEW = LogLineParser.MAX_FUTURE_SKEW;
    private static final Instant MIN_EVENT_TIME = LogLineParser.MIN_EVENT_TIME;

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

    private ParseOutcome parseFields(String timestamp, String levelText, String message, Instant now) {
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
        if (eventTime.isAfter(now.plus(MAX_FUTURE_SKEW))) {
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
        PaymentMessage m;
        try {
            m = new ReferenceMessageReader(message).read();
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
    public static Instant parseTimestamp(String text) {
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text,
                OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
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
