package io.paypulse.config;

/**
 * A bad setting a user can fix. The message is one plain sentence naming the key, the value and
 * what is allowed (and, once known, where the value came from); the CLI prints it without a stack
 * trace and exits with code 2.
 */
public class ConfigException extends RuntimeException {

    private final String key;
    private final String value;
    private final String allowed;

    public ConfigException(String message) {
        this(message, null, null, null);
    }

    private ConfigException(String message, String key, String value, String allowed) {
        super(message);
        this.key = key;
        this.value = value;
        this.allowed = allowed;
    }

    public static ConfigException invalid(String key, String value, String allowed) {
        return new ConfigException(sentence(key, value, null, allowed), key, value, allowed);
    }

    /** The setting this names, or null when the problem is not one setting's value. */
    public String key() {
        return key;
    }

    /**
     * The same sentence naming where the value came from, e.g. {@code --set} or
     * {@code PAYPULSE_PROCESSOR_GRACE}; unchanged when this is not about one setting's value.
     */
    public ConfigException from(String source) {
        if (key == null || source == null) {
            return this;
        }
        ConfigException e = new ConfigException(sentence(key, value, source, allowed), key, value, allowed);
        e.initCause(this);
        return e;
    }

    private static String sentence(String key, String value, String source, String allowed) {
        return "Invalid value '" + value + "' for " + key + (source == null ? "" : " (from " + source + ")") + ": "
                + allowed + ".";
    }
}
