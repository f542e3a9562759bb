package io.paypulse.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimatorTest {

    private static final int WEEK = 7 * 24 * 60;

    /** A week of 1-minute points at x = minute + 0.5, noisy values. */
    private static double[][] week(long seed) {
        Random r = new Random(seed);
        double[] x = new double[WEEK];
        double[] y = new double[WEEK];
        for (int i = 0; i < WEEK; i++) {
            x[i] = i + 0.5;
            y[i] = 1000 + 200 * Math.sin(i / 300.0) + r.nextGaussian() * 50;
        }
        return new double[][] {x, y};
    }

    @Test
    void everyColumnKeepsExactlyItsMinimumAndMaximumAndAtMostTwoPoints() {
        double[][] d = week(1);
        int columns = 700;
        double[] ox = new double[2 * columns];
        double[] oy = new double[2 * columns];
        int n = Decimator.minMax(d[0], d[1], 0, WEEK, 0, WEEK, columns, ox, oy);

        assertThat(n).isLessThanOrEqualTo(2 * columns).isGreaterThan(columns);
        double width = (double) WEEK / columns;
        for (int c = 0; c < columns; c++) {
            double inMin = Double.MAX_VALUE;
            double inMax = -Double.MAX_VALUE;
            for (int i = 0; i < WEEK; i++) {
                if ((int) Math.floor(d[0][i] / width) == c) {
                    inMin = Math.min(inMin, d[1][i]);
                    inMax = Math.max(inMax, d[1][i]);
                }
            }
            double outMin = Double.MAX_VALUE;
            double outMax = -Double.MAX_VALUE;
            int kept = 0;
            for (int i = 0; i < n; i++) {
                if ((int) Math.floor(ox[i] / width) == c) {
                    outMin = Math.min(outMin, oy[i]);
                    outMax = Math.max(outMax, oy[i]);
                    kept++;
                }
            }
            assertThat(kept).as("points in column %d", c).isBetween(1, 2);
            assertThat(outMin).as("min of column %d", c).isEqualTo(inMin);
            assertThat(outMax).as("max of column %d", c).isEqualTo(inMax);
        }
        for (int i = 1; i < n; i++) {
            assertThat(ox[i]).as("time order").isGreaterThan(ox[i - 1]);
        }
    }

    @Test
    void aOneMinuteSpikeAndAOneMinuteDropSurviveAWeekOnFewPixels() {
        double[][] d = week(2);
        d[1][4321] = 9_999; // a gateway outage minute
        d[1][8765] = 0; // a minute with no payments
        double[] ox = new double[400];
        double[] oy = new double[400];
        int n = Decimator.minMax(d[0], d[1], 0, WEEK, 0, WEEK, 200, ox, oy);

        boolean spike = false;
        boolean drop = false;
        for (int i = 0; i < n; i++) {
            spike |= ox[i] == 4321.5 && oy[i] == 9_999;
            drop |= ox[i] == 8765.5 && oy[i] == 0;
        }
        assertThat(spike).as("the spike at its own minute").isTrue();
        assertThat(drop).as("the drop at its own minute").isTrue();
    }

    @Test
    void fewPointsPerColumnAreKeptAsTheyAre() {
        double[] x = {0.5, 1.5, 2.5, 3.5};
        double[] y = {5, 1, 7, 3};
        double[] ox = new double[8];
        double[] oy = new double[8];
        int n = Decimator.minMax(x, y, 0, 4, 0, 4, 800, ox, oy);
        assertThat(n).isEqualTo(4);
        assertThat(oy).startsWith(5, 1, 7, 3);
    }

    @Test
    void minutesWithoutAValueAreSkipped() {
        double[] x = {0.5, 1.5, 2.5};
        double[] y = {5, Double.NaN, 7};
        double[] ox = new double[6];
        double[] oy = new double[6];
        int n = Decimator.minMax(x, y, 0, 3, 0, 3, 100, ox, oy);
        assertThat(n).isEqualTo(2);
        assertThat(ox).startsWith(0.5, 2.5);
    }
}
