package io.paypulse.app.settings;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.value.ObservableValue;

/** The app-wide AtlantaFX stylesheet, Primer light or dark. FX thread. */
public final class AppTheme {

    private AppTheme() {
    }

    /** Applies the theme {@code dark} says now, and again each time it changes. */
    public static void follow(ObservableValue<Boolean> dark) {
        apply(dark.getValue());
        dark.addListener((o, was, now) -> apply(now));
    }

    private static void apply(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
