package io.paypulse.config;

/**
 * A bad setting a user can fix. The message is one plain sentence naming the key, the value and
 * what is allowed; the CLI prints it without a stack trace and exits with code 2.
 */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public static ConfigException invalid(String key, String value, String allowed) {
        return new ConfigException("Invalid value '" + value + "' for " + key + ": " + allowed + ".");
    }
}
