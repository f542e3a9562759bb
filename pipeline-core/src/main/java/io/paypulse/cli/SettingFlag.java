package io.paypulse.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a picocli option as the flag of a setting ({@link io.paypulse.config.ConfigKeys}). A flag
 * counts only when it was given on the command line, and then it beats every other layer;
 * {@link CommonOptions#load()} collects them, so no command builds a map of flags by hand.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface SettingFlag {

    /** The setting's key. */
    String value();

    /** For a switch ({@code --no-sinks}): the setting's value when the switch is given. */
    String whenGiven() default "";
}
