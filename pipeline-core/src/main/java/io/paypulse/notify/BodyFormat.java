package io.paypulse.notify;

/** How a {@link Message} is written as the JSON body of one POST for a kind of receiver. */
interface BodyFormat {

    /** The most notices a digest lists one by one; the rest are counted ({@code count} stays exact). */
    int LISTED = 50;

    String body(Message message);

    static BodyFormat of(ContactPoint.Kind kind) {
        return switch (kind) {
            case WEBHOOK -> new WebhookBody();
            case SLACK -> new SlackBody();
            case TEAMS -> new TeamsBody();
            case DESKTOP -> throw new IllegalArgumentException("a desktop contact point is not reached over HTTP");
        };
    }
}
