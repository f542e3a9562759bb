package io.paypulse.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the address kinds of {@link Setting} accept: server lists, host names and http URLs. */
final class Addresses {

    private static final Pattern SERVER = Pattern.compile(
            "(?:[A-Za-z][A-Za-z0-9_]*://)?(?:\\[[0-9A-Fa-f:.%]+\\]|[A-Za-z0-9._-]+):(\\d{1,5})");

    /** A host name or an IPv4/IPv6 address; whether this machine has it is checked when binding. */
    static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private Addresses() {
    }

    /** {@code host:port[,host:port...]}, each port from 1 to 65535. */
    static boolean isServerList(String servers) {
        for (String server : servers.split(",", -1)) {
            Matcher m = SERVER.matcher(server.trim());
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 65535) {
                return false;
            }
        }
        return true;
    }

    /** An absolute http(s) URL with a host; {@code base}: also without query, fragment or user info. */
    static boolean isHttpUrl(String url, boolean base) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && (!base || (uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
