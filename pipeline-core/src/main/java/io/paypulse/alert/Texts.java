package io.paypulse.alert;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.Locale;

/** Numbers in alert messages, the same on every machine (no default locale). */
public final class Texts {

    private Texts() {
    }

    /** A measured percentage: {@code 61.7%}. */
    public static String percent(double value) {
        return format("0.0", value) + "%";
    }

    /** A configured percentage: {@code 40%}, {@code 25.5%}. */
    public static String percentLevel(double value) {
        return plain(value) + "%";
    }

    /** A count or a band edge of counts: {@code 5,400}. */
    public static String count(double value) {
        return format("#,##0", value);
    }

    /** A configured count: {@code 100,000}, {@code 2.5}. */
    public static String countLevel(double value) {
        return format("#,##0.##", value);
    }

    public static String dollars(double value) {
        return "$" + format("#,##0.00", value);
    }

    /** A number as written in a rules file: {@code 25}, {@code 2.5}. */
    public static String plain(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    public static String windows(int n) {
        return n == 1 ? "1 window" : n + " windows";
    }

    /** {@code 45 seconds}, {@code 3 min 7 s}. */
    public static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s == 1 ? "1 second" : s + " seconds";
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long rest = s % 60;
        return (h > 0 ? h + " h " : "") + m + " min " + rest + " s";
    }

    private static String format(String pattern, double value) {
        DecimalFormat f = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(value);
    }
}
