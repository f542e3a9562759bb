package io.paypulse.notify;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where alerts go. Secrets (URLs with tokens, header values) are already resolved from the
 * environment or a file when the configuration was loaded; {@link #toString()} never shows them.
 *
 * @param name          unique name, referenced by routes
 * @param kind          how alerts are delivered
 * @param url           where to POST; null for {@link Kind#DESKTOP}
 * @param headers       extra HTTP headers (e.g. an Authorization token); empty for desktop
 * @param maxPerMinute  messages at most per minute; a burst beyond becomes one "N more alerts" message
 * @param sendResolved  whether a RESOLVED update is delivered too
 */
public record ContactPoint(String name, Kind kind, URI url, Map<String, String> headers, int maxPerMinute,
                           boolean sendResolved) {

    /** Messages per minute when a contact point does not say. */
    public static final int DEFAULT_MAX_PER_MINUTE = 10;

    public enum Kind {
        DESKTOP, WEBHOOK, SLACK, TEAMS;

        /** The word used in the rules file. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ContactPoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        headers = Map.copyOf(headers == null ? Map.of() : headers);
        if ((kind == Kind.DESKTOP) != (url == null)) {
            throw new IllegalArgumentException("a desktop contact point has no url; every other kind needs one");
        }
        if (maxPerMinute < 1) {
            throw new IllegalArgumentException("maxPerMinute must be at least 1");
        }
    }

    /** Shown in logs and the app: the URL without path, query or user info, no header values. */
    @Override
    public String toString() {
        String where = url == null ? "" : " " + url.getScheme() + "://" + url.getHost()
                + (url.getPort() < 0 ? "" : ":" + url.getPort());
        return name + " (" + kind.key() + where + ")";
    }
}
