package io.paypulse.app.settings;

import io.paypulse.app.connection.ConnectionProfile;
import java.util.List;

/**
 * What the app remembers between runs (stored as JSON by {@link SettingsStore}). Client secrets are
 * not among them: a profile refers to a client properties file instead (see {@link ConnectionProfile}).
 *
 * @param theme         "light" or "dark"
 * @param profiles      saved connection profiles, in list order
 * @param activeProfile name of the last used profile
 * @param rate          generator rate in events/s
 * @param rulesFile     alert rules file, empty for the shipped rules
 */
public record AppSettings(
        double x,
        double y,
        double width,
        double height,
        boolean maximized,
        String theme,
        List<ConnectionProfile> profiles,
        String activeProfile,
        double rate,
        String rulesFile) {

    public AppSettings {
        profiles = profiles == null ? null : List.copyOf(profiles);
    }

    public static AppSettings defaults() {
        List<ConnectionProfile> profiles = ConnectionProfile.defaults();
        return new AppSettings(Double.NaN, Double.NaN, 1280, 800, false, "light", profiles, profiles.get(0).name(),
                100, "");
    }

    public boolean dark() {
        return "dark".equals(theme);
    }

    public AppSettings withWindow(double x, double y, double width, double height, boolean maximized) {
        return new AppSettings(x, y, width, height, maximized, theme, profiles, activeProfile, rate, rulesFile);
    }

    public AppSettings withTheme(String theme) {
        return new AppSettings(x, y, width, height, maximized, theme, profiles, activeProfile, rate, rulesFile);
    }

    public AppSettings withProfiles(List<ConnectionProfile> profiles, String activeProfile) {
        return new AppSettings(x, y, width, height, maximized, theme, profiles, activeProfile, rate, rulesFile);
    }

    public AppSettings withRate(double rate) {
        return new AppSettings(x, y, width, height, maximized, theme, profiles, activeProfile, rate, rulesFile);
    }

    public AppSettings withRulesFile(String rulesFile) {
        return new AppSettings(x, y, width, height, maximized, theme, profiles, activeProfile, rate, rulesFile);
    }
}
