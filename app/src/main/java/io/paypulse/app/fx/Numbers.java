package io.paypulse.app.fx;

import java.util.Locale;

/** Number texts shared by the views, the same on every machine (no default locale). */
public final class Numbers {

    private Numbers() {
    }

    /** Up to two decimals, no trailing zeros ("62.5", "40"); NaN is "". */
    public static String plain(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
