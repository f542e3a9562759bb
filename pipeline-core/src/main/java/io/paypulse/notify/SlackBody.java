package io.paypulse.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import io.paypulse.event.serde.Json;

/**
 * Slack incoming-webhook body: {@code {"text": "..."}} in mrkdwn, one readable line per alert
 * (a digest adds one line per folded alert, at most {@value BodyFormat#LISTED}).
 */
final class SlackBody implements BodyFormat {

    @Override
    public String body(Message message) {
        StringBuilder text = new StringBuilder();
        switch (message.type()) {
            case ALERT -> text.append(line(message.notices().get(0)));
            case DIGEST -> {
                text.append(":bell: *").append(escape(message.summary())).append('*');
                message.notices().stream().limit(LISTED).forEach(n -> text.append("\n• ").append(line(n)));
                if (message.alertCount() > LISTED) {
                    text.append("\n…and ").append(message.alertCount() - LISTED).append(" more");
                }
            }
            case TEST -> text.append(":white_check_mark: ").append(escape(message.summary()));
            default -> throw new IllegalStateException(message.type().toString());
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("text", text.toString());
        return body.toString();
    }

    private static String line(Notice n) {
        String icon = n.state() == AlertState.RESOLVED ? ":large_green_circle:"
                : n.severity() == Severity.CRITICAL ? ":red_circle:" : ":large_orange_circle:";
        return icon + " *" + n.severity() + "* `" + n.rule() + "` " + n.state() + ": "
                + escape(n.summary().substring(prefixLength(n)));
    }

    /** The summary starts with "SEVERITY rule STATE: "; the line says those with formatting already. */
    private static int prefixLength(Notice n) {
        String prefix = n.severity() + " " + n.rule() + " " + n.state() + ": ";
        return n.summary().startsWith(prefix) ? prefix.length() : 0;
    }

    /** Slack's three control characters in mrkdwn text. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
