package io.paypulse.app.settings;

/**
 * What the app remembers between runs (stored as JSON by {@link SettingsStore}).
 *
 * @param theme            "light" or "dark"
 * @param mode             connection mode name (see io.paypulse.app.connection.ConnectionMode)
 * @param bootstrapServers servers of the custom cluster
 * @param clientProperties Kafka client properties for the custom cluster, one {@code key=value} a line
 * @param rate             generator rate in events/s
 * @param rulesFile        alert rules file, empty for the shipped rules
 */
public record AppSettings(
        double x,
        double y,
        double width,
        double height,
        boolean maximized,
        String theme,
        String mode,
        String bootstrapServers,
        String clientProperties,
        double rate,
        String rulesFile) {

    public static AppSettings defaults() {
        return new AppSettings(Double.NaN, Double.NaN, 1280, 800, false, "light", "EMBEDDED", "localhost:9092", "",
                100, "");
    }

    public boolean dark() {
        return "dark".equals(theme);
    }

    public AppSettings withWindow(double x, double y, double width, double height, boolean maximized) {
        return new AppSettings(x, y, width, height, maximized, theme, mode, bootstrapServers, clientProperties, rate,
                rulesFile);
    }

    public AppSettings withTheme(String theme) {
        return new AppSettings(x, y, width, height, maximized, theme, mode, bootstrapServers, clientProperties, rate,
                rulesFile);
    }

    public AppSettings withConnection(String mode, String bootstrapServers, String clientProperties) {
        return new AppSettings(x, y, width, height, maximized, theme, mode, bootstrapServers, clientProperties, rate,
                rulesFile);
    }

    public AppSettings withRate(double rate) {
        return new AppSettings(x, y, width, height, maximized, theme, mode, bootstrapServers, clientProperties, rate,
                rulesFile);
    }

    public AppSettings withRulesFile(String rulesFile) {
        return new AppSettings(x, y, width, height, maximized, theme, mode, bootstrapServers, clientProperties, rate,
                rulesFile);
    }
}
