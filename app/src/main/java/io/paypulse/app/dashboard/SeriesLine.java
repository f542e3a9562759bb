package io.paypulse.app.dashboard;

/**
 * One chart line as drawn: decimated points (x in epoch minutes, at the middle of each minute), in time
 * order, plus the open minute when it is shown (always the last point, then). Only the first {@code size}
 * entries of the arrays count (they are allocated for the worst case). Arrays are not copied:
 * treat as read-only.
 *
 * @param open true when the last point is the open (current, not yet final) minute, scaled to a whole minute
 * @param max  the highest value among the points (0 when none), for the y axis
 */
public record SeriesLine(double[] x, double[] y, int size, boolean open, double max) {

    public static final SeriesLine EMPTY = new SeriesLine(new double[0], new double[0], 0, false, 0);
}
