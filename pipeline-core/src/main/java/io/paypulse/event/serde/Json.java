package io.paypulse.event.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.paypulse.json.Mappers;

/**
 * The project's JSON mapper under its older name: the same instance as {@link Mappers#json()}.
 *
 * Prefer {@link Mappers#json()}; this name stays while branches written against it merge, and for the
 * {@code process} package (another change is reworking it now).
 */
public final class Json {

    public static final ObjectMapper MAPPER = Mappers.json();

    private Json() {
    }
}
