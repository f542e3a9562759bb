package io.paypulse.app.dlq;

import io.paypulse.dlq.DlqRecord;
import io.paypulse.dlq.SafeText;
import io.paypulse.event.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The detail pane's texts for one dead letter, all safe to show: control characters visible, long
 * values cut, binary as hex.
 *
 * @param title      "Dead letter 0/42 · schema"
 * @param reason     the reason sentence
 * @param origin     origin topic/partition/offset, record time, key
 * @param headers    one "name: value" line per header
 * @param text       the value as text ("(not UTF-8: see hex)" for binary, "(null)" for none)
 * @param hex        the kept value as a hex dump
 * @param redrivable "yes, as payment/0/12" or "no: why"
 */
public record DlqDetail(String title, String reason, String origin, String headers, String text, String hex,
        String redrivable) {

    public static final DlqDetail NONE = new DlqDetail("Select a dead letter to see it.", "", "", "", "", "", "");

    static DlqDetail of(DlqRecord r) {
        DeadLetter d = r.letter();
        StringBuilder origin = new StringBuilder(d.topic() + "/" + d.partition() + "/" + d.offset());
        if (d.recordTimestamp() != null) {
            origin.append(" · record time ").append(d.recordTimestamp());
        }
        origin.append(" · key ").append(d.key() == null ? "(none)" : SafeText.line(d.key(), 300));
        if (r.redriveOf() != null) {
            origin.append(" · re-drive of ").append(SafeText.line(r.redriveOf(), 300));
        }
        StringBuilder headers = new StringBuilder();
        for (Map.Entry<String, String> h : r.headers()) {
            headers.append(h.getKey()).append(": ").append(h.getValue()).append('\n');
        }
        byte[] kept = d.value();
        String text;
        String hex;
        if (kept == null) {
            text = "(null)";
            hex = "";
        } else {
            String size = d.valueLength() + " bytes" + (d.truncated() ? ", first " + kept.length + " kept" : "");
            text = SafeText.isUtf8(kept) ? SafeText.of(new String(kept, StandardCharsets.UTF_8), SafeText.MAX_CHARS)
                    : "(" + size + ", not UTF-8: see hex)";
            hex = size + ", sha256 " + d.valueSha256() + "\n" + SafeText.hex(kept, SafeText.MAX_HEX_BYTES);
        }
        String why = r.whyNotRedrivable();
        return new DlqDetail("Dead letter " + r.position() + " · " + r.category().word(),
                SafeText.of(d.reason(), SafeText.MAX_CHARS), origin.toString(),
                headers.isEmpty() ? "(none)" : headers.toString().stripTrailing(), text, hex,
                why == null ? "yes, as " + r.identity() : "no: " + why);
    }
}
