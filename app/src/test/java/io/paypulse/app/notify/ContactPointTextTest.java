package io.paypulse.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.paypulse.event.Severity;
import io.paypulse.notify.Notifications;
import io.paypulse.notify.Route;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the Notifications window shows of a contact point: never a token, routes in words. */
class ContactPointTextTest {

    @ParameterizedTest
    @CsvSource({
            "https://hooks.slack.com/services/T000/B000/XXXXSECRET, https://hooks.slack.com",
            "https://user:pass@example.webhook.office.com/webhookb2/abc?token=1, https://example.webhook.office.com",
            "http://127.0.0.1:9000/hook, http://127.0.0.1:9000"})
    void destinationIsSchemeAndHostOnly(String url, String shown) {
        assertThat(ContactPointText.destination(URI.create(url))).isEqualTo(shown);
    }

    @Test
    void routesReadAsWords() {
        Notifications n = new Notifications(List.of(), List.of(
                new Route(Set.of(), Set.of(Severity.CRITICAL), List.of("on-call", "desktop")),
                new Route(Set.of("card-testing"), Set.of(Severity.WARNING), List.of("desktop")),
                new Route(Set.of(), Set.of(), List.of("archive"))));
        assertThat(ContactPointText.routes("desktop", n)).isEqualTo("CRITICAL; WARNING of card-testing");
        assertThat(ContactPointText.routes("on-call", n)).isEqualTo("CRITICAL");
        assertThat(ContactPointText.routes("archive", n)).isEqualTo("all alerts");
        assertThat(ContactPointText.routes("nobody", n)).isEqualTo("no route: receives nothing");
    }

    @Test
    void timesShowTheDateOnlyWhenNotToday() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:42:03Z"), ZoneOffset.UTC);
        assertThat(ContactPointText.time(Instant.parse("2026-12-03T10:42:03Z"), clock)).isEqualTo("10:42:03");
        assertThat(ContactPointText.time(Instant.parse("2026-12-02T23:59:10Z"), clock)).isEqualTo("2026-12-02 23:59");
    }
}
