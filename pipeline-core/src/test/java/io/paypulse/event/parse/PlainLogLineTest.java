package io.paypulse.event.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the scanner reads itself, and what it leaves to Jackson (null); agreement is tested elsewhere. */
class PlainLogLineTest {

    private static PlainLogLine.Fields read(String json) {
        return PlainLogLine.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsThePythonShapeWithSpaces() {
        assertThat(read("{\"timestamp\": \"2026-01-01T00:00:00.000500+00:00\", \"level\": \"ERROR\", \"message\": \"m\"}"))
                .isEqualTo(new PlainLogLine.Fields("2026-01-01T00:00:00.000500+00:00", "ERROR", "m"));
    }

    @Test
    void readsTheJacksonShapeInAnyMemberOrderAndSurroundingWhitespace() {
        assertThat(read("\n {\"message\":\"m\",\"level\":\"WARN\",\"timestamp\":\"t\"}\r\n"))
                .isEqualTo(new PlainLogLine.Fields("t", "WARN", "m"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"timestamp\":\"t\",\"level\":\"INFO\",\"message\":\"a \\\"quoted\\\" word\"}",
        "{\"timestamp\":\"t\",\"level\":\"INFO\",\"message\":\"caf\\u00e9\"}",
        "{\"timestamp\":\"t\",\"level\":\"INFO\",\"message\":\"café\"}",
        "{\"timestamp\":\"t\",\"level\":\"INFO\",\"message\":\"tab\there\"}",
        "{\"timestamp\":\"t\",\"level\":\"INFO\",\"message\":\"m\",\"host\":\"web-1\"}",
        "{\"timestamp\":\"t\",\"level\":\"INFO\",\"level\":\"INFO\"}",
        "{\"timestamp\":\"t\",\"level\":3,\"message\":\"m\"}",
        "{\"timestamp\":\"t\",\"level\":\"INFO\"}",
        "{\"timestamp\":\"t\",\"level\":\"INFO\",\"message\":\"m\"} {}",
        "{\"timestamp\":\"t\",\"level\":\"INFO\",\"message\":\"m\"",
        "{\"timestamp\":\"t\" \"level\":\"INFO\",\"message\":\"m\"}",
        "\uFEFF{\"timestamp\":\"t\",\"level\":\"INFO\",\"message\":\"m\"}",
        "[\"timestamp\",\"level\",\"message\"]",
        ""})
    void leavesEverythingElseToJackson(String json) {
        assertThat(read(json)).isNull();
    }
}
