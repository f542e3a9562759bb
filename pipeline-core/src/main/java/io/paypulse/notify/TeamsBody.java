package io.paypulse.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paypulse.event.AlertState;
import io.paypulse.event.Severity;
import io.paypulse.event.serde.Json;

/**
 * Microsoft Teams body: a message with one Adaptive Card attachment, the format both Teams
 * incoming webhooks and the Workflows "when a webhook request is received" trigger accept. The card
 * has the one-line summary as a title (coloured by severity) and a fact list per alert.
 */
final class TeamsBody implements BodyFormat {

    @Override
    public String body(Message message) {
        ObjectNode card = Json.MAPPER.createObjectNode();
        card.put("type", "AdaptiveCard");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("version", "1.4");
        ArrayNode items = card.putArray("body");
        ObjectNode title = items.addObject();
        title.put("type", "TextBlock");
        title.put("text", message.summary());
        title.put("wrap", true);
        title.put("weight", "Bolder");
        title.put("color", colour(message));
        message.notices().stream().limit(message.type() == Message.Type.ALERT ? 1 : LISTED).forEach(n -> {
            ObjectNode facts = items.addObject();
            facts.put("type", "FactSet");
            ArrayNode list = facts.putArray("facts");
            fact(list, "Rule", n.rule());
            fact(list, "Severity", n.severity().toString());
            fact(list, "State", n.state().toString());
            fact(list, "Group", n.group());
            fact(list, "Window", NoticeText.window(n.windowStart(), n.windowEnd()));
            fact(list, "Alert id", n.alertId());
        });
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", "message");
        body.put("summary", message.summary());
        ObjectNode attachment = body.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.set("content", card);
        return body.toString();
    }

    private static void fact(ArrayNode list, String title, String value) {
        ObjectNode f = list.addObject();
        f.put("title", title);
        f.put("value", value == null ? "" : value);
    }

    private static String colour(Message message) {
        if (message.type() == Message.Type.TEST) {
            return "Good";
        }
        boolean critical = message.notices().stream()
                .anyMatch(n -> n.severity() == Severity.CRITICAL && n.state() == AlertState.FIRING);
        boolean firing = message.notices().stream().anyMatch(n -> n.state() == AlertState.FIRING);
        return critical ? "Attention" : firing ? "Warning" : "Good";
    }
}
