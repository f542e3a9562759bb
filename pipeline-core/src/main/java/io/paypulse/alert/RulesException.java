package io.paypulse.alert;

import io.paypulse.config.ConfigException;

/**
 * A mistake in an alert rules file, as one plain sentence naming the file, the rule (by name, or
 * by position when the name itself is the problem), the key, the bad value and what is allowed.
 */
public class RulesException extends ConfigException {

    public RulesException(String message) {
        super(message);
    }
}
