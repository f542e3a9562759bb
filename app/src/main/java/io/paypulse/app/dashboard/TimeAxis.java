package io.paypulse.app.dashboard;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.ValueAxis;

/**
 * An x axis in epoch minutes whose ticks fall on round local times (:00, :15, whole hours, midnight)
 * whatever the bounds, with HH:mm labels, or the day at midnight when the range spans days. The bounds
 * are always set by the dashboard (no auto-ranging).
 */
public final class TimeAxis extends ValueAxis<Number> {

    /** Tick steps in minutes, smallest first. */
    static final int[] STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880};
    /** Roughly one label per this many pixels. */
    private static final double PIXELS_PER_TICK = 90;

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d");

    private final ZoneId zone;

    public TimeAxis() {
        this(ZoneId.systemDefault());
    }

    TimeAxis(ZoneId zone) {
        this.zone = zone;
        setAutoRanging(false);
        setMinorTickVisible(false);
        setAnimated(false);
    }

    /** The tick step for {@code span} minutes over {@code pixels}: the smallest that leaves room for the labels. */
    static int step(double span, double pixels) {
        double wanted = span / Math.max(1, pixels / PIXELS_PER_TICK);
        for (int s : STEPS) {
            if (s >= wanted) {
                return s;
            }
        }
        return STEPS[STEPS.length - 1];
    }

    /** Ticks at multiples of {@code step} in local time within [lower, upper]. */
    static List<Number> ticks(double lower, double upper, int step, ZoneId zone) {
        List<Number> out = new ArrayList<>();
        if (!(upper > lower)) {
            return out;
        }
        long offset = zone.getRules().getOffset(Instant.ofEpochSecond((long) lower * 60)).getTotalSeconds() / 60;
        long first = (long) Math.ceil((lower + offset) / step) * step - offset;
        for (long t = first; t <= upper && out.size() < 1000; t += step) {
            out.add(t);
        }
        return out;
    }

    @Override
    protected List<Number> calculateTickValues(double length, Object range) {
        double[] r = (double[]) range;
        return ticks(r[0], r[1], step(r[1] - r[0], length), zone);
    }

    @Override
    protected String getTickMarkLabel(Number minute) {
        ZonedDateTime t = Instant.ofEpochSecond(Math.round(minute.doubleValue() * 60)).atZone(zone);
        boolean days = getUpperBound() - getLowerBound() > 24 * 60;
        if (days && t.getHour() == 0 && t.getMinute() == 0) {
            return DAY.format(t);
        }
        return HH_MM.format(t);
    }

    @Override
    protected List<Number> calculateMinorTickMarks() {
        return List.of();
    }

    @Override
    protected void setRange(Object range, boolean animate) {
        double[] r = (double[]) range;
        setLowerBound(r[0]);
        setUpperBound(r[1]);
    }

    @Override
    protected Object getRange() {
        return new double[] {getLowerBound(), getUpperBound()};
    }
}
