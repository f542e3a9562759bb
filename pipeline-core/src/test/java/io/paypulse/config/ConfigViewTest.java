package io.paypulse.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigViewTest {

    @Test
    void aWebhookUrlIsShownWithoutItsPathQueryOrUserInfoWhichOftenAreItsSecret() {
        assertThat(ConfigView.webhook("")).isEmpty();
        assertThat(ConfigView.webhook("http://127.0.0.1:9000")).isEqualTo("http://127.0.0.1:9000");
        assertThat(ConfigView.webhook("https://hooks.slack.com/services/T0/B1/s3cret"))
                .isEqualTo("https://hooks.slack.com/(hidden)");
        assertThat(ConfigView.webhook("https://x.test/?token=s3cret")).isEqualTo("https://x.test/(hidden)");
        assertThat(ConfigView.webhook("https://user:pw@x.test")).isEqualTo("https://x.test/(hidden)");
    }
}
