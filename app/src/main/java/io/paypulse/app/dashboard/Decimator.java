package io.paypulse.app.dashboard;

/**
 * Min/max decimation for line charts: of the points that fall into one pixel column, only the lowest and
 * the highest are kept (in their time order), so a spike or a dip survives at any zoom while a week of
 * 1-minute points (10,080) becomes at most two points per column. Columns with one or two points keep
 * them as they are. Pure function over primitive arrays.
 */
public final class Decimator {

    private Decimator() {
    }

    /**
     * @param x       ascending x values ({@code from} inclusive to {@code to} exclusive are used)
     * @param y       values; NaN ones are skipped (no value in that minute, e.g. a rate without payments)
     * @param lower   x at the left edge of column 0
     * @param upper   x at the right edge of the last column
     * @param columns pixel columns (at least 1)
     * @param outX    receives the kept x values; at least {@code 2 * columns} long, or {@code to - from}
     * @param outY    receives the kept y values, same length
     * @return how many points were written
     */
    public static int minMax(double[] x, double[] y, int from, int to, double lower, double upper, int columns,
            double[] outX, double[] outY) {
        int cols = Math.max(1, columns);
        double width = (upper - lower) / cols;
        int n = 0;
        int i = from;
        while (i < to) {
            if (Double.isNaN(y[i])) {
                i++;
                continue;
            }
            long col = column(x[i], lower, width, cols);
            int lo = i;
            int hi = i;
            int count = 0;
            int j = i;
            while (j < to && column(x[j], lower, width, cols) == col) {
                if (!Double.isNaN(y[j])) {
                    count++;
                    if (y[j] < y[lo]) {
                        lo = j;
                    }
                    if (y[j] > y[hi]) {
                        hi = j;
                    }
                }
                j++;
            }
            if (count <= 2) {
                for (int k = i; k < j; k++) {
                    if (!Double.isNaN(y[k])) {
                        outX[n] = x[k];
                        outY[n++] = y[k];
                    }
                }
            } else {
                int first = Math.min(lo, hi);
                int second = Math.max(lo, hi);
                outX[n] = x[first];
                outY[n++] = y[first];
                if (second != first) {
                    outX[n] = x[second];
                    outY[n++] = y[second];
                }
            }
            i = j;
        }
        return n;
    }

    /** Columns continue left of {@code lower} and right of {@code upper} with the same width. */
    private static long column(double x, double lower, double width, int cols) {
        return (long) Math.floor((x - lower) / width);
    }
}
