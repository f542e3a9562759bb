package io.paypulse.app.dashboard;

import io.paypulse.config.GeneratorSettings;
import java.util.Locale;

/**
 * The generator rate slider's log scale: position {@code p} is {@code 10^p} events/s, from 1 to the
 * highest rate {@link GeneratorSettings#RATE} allows, the range of the spinner beside it. A rate below 1
 * (0 stops the generator) sits at the start.
 */
final class RateScale {

    /** The slider's start: 1 event/s. */
    static final double MIN = 0;
    /** The slider's end: the highest rate the settings accept. */
    static final double MAX = Math.log10(GeneratorSettings.RATE.max());

    private RateScale() {
    }

    static double position(double rate) {
        return Math.min(MAX, Math.log10(Math.max(1, rate)));
    }

    static long rate(double position) {
        return Math.round(Math.pow(10, position));
    }

    /** A tick label short enough for eight of them under the slider: 1, 10, 100, 1k … 10M. */
    static String label(double position) {
        double rate = Math.pow(10, position);
        if (rate >= 999_999.5) {
            return String.format(Locale.ROOT, "%.0fM", rate / 1_000_000);
        }
        if (rate >= 999.5) {
            return String.format(Locale.ROOT, "%.0fk", rate / 1_000);
        }
        return String.format(Locale.ROOT, "%.0f", rate);
    }
}
