package io.paypulse.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs a message's JSON body to a contact point's URL. 2xx is delivered; 5xx, 429, timeouts and
 * refused connections are worth retrying; anything else (another 4xx, a redirect) is rejected,
 * since sending the same body again gets the same answer. Details name the host, never the URL's
 * path or the headers (they hold tokens).
 */
final class HttpSender implements Sender {

    private static final int BODY_SHOWN = 200;

    private final ContactPoint contactPoint;
    private final BodyFormat format;
    private final HttpClient client;
    private final Duration timeout;

    HttpSender(ContactPoint contactPoint, BodyFormat format, HttpClient client, Duration timeout) {
        this.contactPoint = contactPoint;
        this.format = format;
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public SendResult send(Message message) {
        HttpRequest.Builder request = HttpRequest.newBuilder(contactPoint.url())
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "PayPulse")
                .POST(HttpRequest.BodyPublishers.ofString(format.body(message), StandardCharsets.UTF_8));
        for (Map.Entry<String, String> h : contactPoint.headers().entrySet()) {
            request.setHeader(h.getKey(), h.getValue());
        }
        String where = host();
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return SendResult.delivered(status);
            }
            String body = shown(response.body());
            String said = "HTTP " + status + " from " + where + (body.isEmpty() ? "" : ": " + body);
            if (status >= 500 || status == 429 || status == 408) {
                return SendResult.retry(status, said);
            }
            return SendResult.rejected(status, said + " (not retried)");
        } catch (HttpTimeoutException e) {
            return SendResult.retry(0, "No answer from " + where + " within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            // The JDK's message here is empty or "ClosedChannelException": say what it means.
            return SendResult.retry(0, "Cannot connect to " + where + " (connection refused or host unreachable)");
        } catch (IOException e) {
            return SendResult.retry(0, "Sending to " + where + " failed: " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.retry(0, "Sending to " + where + " was interrupted");
        }
    }

    private String host() {
        var url = contactPoint.url();
        return url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    private static String reason(IOException e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String shown(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= BODY_SHOWN ? oneLine : oneLine.substring(0, BODY_SHOWN) + "…";
    }
}
