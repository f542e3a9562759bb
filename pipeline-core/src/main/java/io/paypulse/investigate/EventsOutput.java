package io.paypulse.investigate;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.paypulse.event.Money;
import io.paypulse.event.ParsedEvent;
import io.paypulse.event.serde.Json;
import io.paypulse.sink.ParsedRows;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints events as the parsed CSV writes them (same columns, formula-safe cells, CRLF) or as JSON lines
 * with the same names ({@code {"event_time": "...", "level": "ERROR", ..., "amount": 12.50, ...}}, one
 * object per line). With a {@link Masker}, user ids and IP addresses are masked first. Not thread-safe.
 */
public final class EventsOutput {

    public enum Format {
        CSV, JSON;

        /** @throws IllegalArgumentException when {@code text} is neither csv nor json */
        public static Format parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "json" -> JSON;
                default -> throw new IllegalArgumentException(text);
            };
        }
    }

    private final PrintWriter out;
    private final Format format;
    private final Masker masker;
    private boolean headerDone;

    /** @param masker null = show user ids and IP addresses as they are */
    public EventsOutput(PrintWriter out, Format format, Masker masker) {
        this.out = out;
        this.format = format;
        this.masker = masker;
    }

    /** The CSV header (once, before the first row, even when there is none); nothing for JSON lines. */
    public void begin() {
        if (format == Format.CSV && !headerDone) {
            out.print(ParsedRows.headerLine());
            headerDone = true;
        }
    }

    public void write(List<ParsedEvent> events) {
        begin();
        for (ParsedEvent e : events) {
            ParsedEvent shown = masker == null ? e : masker.apply(e);
            if (format == Format.CSV) {
                out.print(ParsedRows.line(shown));
            } else {
                out.print(json(shown));
                out.print('\n');
            }
        }
        out.flush();
    }

    /** One event as a JSON object with the parsed CSV's column names; the amount is a number. */
    public static String json(ParsedEvent e) {
        List<String> names = ParsedRows.header();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(names.get(0), e.eventTime().toString());
        m.put(names.get(1), e.level().name());
        m.put(names.get(2), e.type().label());
        m.put(names.get(3), e.failed());
        m.put(names.get(4), e.orderId());
        m.put(names.get(5), new BigDecimal(Money.format(e.amountCents())));
        m.put(names.get(6), e.userId());
        m.put(names.get(7), e.ipAddress());
        m.put(names.get(8), e.paymentId());
        m.put(names.get(9), e.failReason());
        m.put(names.get(10), e.refundId());
        try {
            return Json.MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
