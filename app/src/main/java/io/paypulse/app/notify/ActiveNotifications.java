package io.paypulse.app.notify;

import io.paypulse.config.ConfigKeys;
import io.paypulse.config.ConfigLoader;
import io.paypulse.config.PayPulseConfig;
import io.paypulse.notify.ContactPoint;
import io.paypulse.notify.Notifications;
import io.paypulse.notify.NotificationsFile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The notifications in force: those of the connected session's rules file, or, while not connected,
 * of the rules file the app would start with (the same layering as {@code RequestBuilder}: config
 * file &lt; PAYPULSE_* environment &lt; the app's choice &lt; launch overrides). No rules file: the
 * shipped rules, which name no contact point, so the built-in desktop one.
 */
final class ActiveNotifications {

    /** Send test's and the notifier's stand-in for "a desktop contact point". */
    static final ContactPoint DESKTOP = NotificationsFile.defaults().contactPoints().get(0);

    private ActiveNotifications() {
    }

    /** The configuration a start would use now, for its rules file; throws ConfigException with one sentence. */
    static PayPulseConfig idleConfig(Map<String, String> env, Map<String, String> overrides, String rulesFile) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(ConfigKeys.BOOTSTRAP, "");
        if (rulesFile != null && !rulesFile.isBlank()) {
            flags.put(ConfigKeys.RULES, rulesFile.strip());
        }
        flags.putAll(overrides);
        return ConfigLoader.load(null, env, flags);
    }

    /**
     * Exactly what a processor with this configuration delivers to (the rules file's section, or the
     * desktop default, plus {@code notify.webhook-url}). Throws RulesException / ConfigException with
     * one sentence naming the file, key and value when it is wrong.
     */
    static Notifications of(PayPulseConfig config) {
        return NotificationsFile.forProcessor(config.processor());
    }
}
