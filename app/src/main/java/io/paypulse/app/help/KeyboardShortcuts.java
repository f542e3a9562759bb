package io.paypulse.app.help;

import java.util.List;

/**
 * The keyboard and mouse shortcuts Help lists (docs/history.md says the same). The dashboard's charts
 * handle them ({@code dashboard.RangeControls}); they work while the Dashboard tab shows and no text
 * field has the focus (click a chart first after typing a rate).
 */
public final class KeyboardShortcuts {

    /** One line of the list. */
    public record Shortcut(String keys, String action) {
    }

    public static final List<Shortcut> CHARTS = List.of(
            new Shortcut("1 … 5", "Range: 15 min, 1 h, 6 h, 24 h, 7 days (following now)"),
            new Shortcut("+  /  −", "Zoom in / out"),
            new Shortcut("←  /  →", "Pan back / forward by a quarter of the range"),
            new Shortcut("L", "Live: back to now, following"),
            new Shortcut("Mouse wheel", "Zoom around the pointer"),
            new Shortcut("Drag", "Pan"),
            new Shortcut("Double-click a point", "Open the events of that minute"));

    private KeyboardShortcuts() {
    }

    /** The list as aligned text. */
    public static String text() {
        int width = CHARTS.stream().mapToInt(s -> s.keys().length()).max().orElse(0);
        StringBuilder b = new StringBuilder("Charts (Dashboard tab)\n\n");
        for (Shortcut s : CHARTS) {
            b.append(String.format("  %-" + width + "s   %s%n", s.keys(), s.action()));
        }
        return b.toString();
    }
}
