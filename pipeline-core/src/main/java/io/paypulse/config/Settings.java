package io.paypulse.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The settings text after layering (see {@link ConfigLoader#resolve}): for each setting named in
 * some layer, the winning value and where it came from. Bad values are reported with that origin,
 * so a user knows which of file, environment, {@code --set} or flag to fix.
 */
public final class Settings {

    /** A value and where it came from, e.g. {@code --grace}, {@code --set} or {@code PAYPULSE_PROCESSOR_GRACE}. */
    public record Given(String value, String source) {
    }

    private final Map<String, Given> winners;
    private final Map<String, String> env;

    Settings(Map<String, Given> winners, Map<String, String> env) {
        this.winners = Collections.unmodifiableMap(new LinkedHashMap<>(winners));
        this.env = env;
    }

    /** The winning value of each setting some layer names (kafka.* included). */
    public Map<String, Given> given() {
        return winners;
    }

    /**
     * These settings without {@code keys}, whatever layer named them: for a caller that chooses those
     * values itself, typed (the app's connection choices), so that no layer's text for them is read.
     */
    public Settings without(Collection<String> keys) {
        Map<String, Given> rest = new LinkedHashMap<>(winners);
        rest.keySet().removeAll(keys);
        return new Settings(rest, env);
    }

    /** The typed configuration; a bad value is one sentence naming the key, value, origin and what is allowed. */
    public PayPulseConfig bind() {
        return check(() -> {
            Map<String, String> text = new LinkedHashMap<>();
            winners.forEach((k, g) -> text.put(k, g.value()));
            return PayPulseConfig.from(text, env);
        });
    }

    /** Runs a further check of a setting (e.g. a scenario name) and names the origin of a bad value. */
    public <T> T check(Supplier<T> check) {
        try {
            return check.get();
        } catch (ConfigException e) {
            Given g = e.key() == null ? null : winners.get(e.key());
            throw g == null ? e : e.from(g.source());
        }
    }
}
