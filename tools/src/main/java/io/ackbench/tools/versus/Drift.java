package io.ackbench.tools.versus;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a system's runs drifted during a comparison: its first run against its last, and a straight line through
 * the logarithms of its runs' values against their position in the session, whose slope is tested against the
 * scatter of all systems' runs around their own lines (Student's t, two-sided, {@value #CONFIDENCE}). The figure is
 * the one the configuration compares: records/s at the max rate, the p99 latency at a set rate.
 *
 * <p>Pooling the scatter gives the test degrees of freedom that three runs of one system alone would not have (one),
 * at the price of assuming the systems scatter alike. With three systems of three runs it has three degrees of
 * freedom and so flags only a strong trend; the first-to-last difference is printed either way.
 */
final class Drift {
    static final double CONFIDENCE = 0.95;
    /** A line through two points leaves no scatter to test it with. */
    private static final int MIN_RUNS_FOR_SCATTER = 3;

    /**
     * One system's drift: its completed runs, its last run's value over its first's minus 1 and the fitted change per
     * run position (fractions; NaN with fewer than two runs), whether that slope is beyond the noise, and whether there
     * was noise to test it against (false when no system had three completed runs).
     */
    record Trend(String system, int runs, double firstToLast, double slopePerRun, boolean significant,
                 boolean testable) {
    }

    private Drift() {
    }

    static Figure figure(final Versus versus) {
        return versus.rateMode() == RateMode.MAX ? Figure.RECORDS_PER_SECOND : Figure.P99;
    }

    /** Per system, in the comparison's order. */
    static Map<String, Trend> of(final Versus versus) {
        final Figure figure = figure(versus);
        final Map<String, double[][]> points = new LinkedHashMap<>();
        double scatter = 0;
        int degreesOfFreedom = 0;
        for (final String system : versus.systems()) {
            final List<RunFigures> completed = versus.runsOf(system).stream()
                .filter(run -> run.completed() && run.figure(figure) > 0).toList();
            final double[] x = new double[completed.size()];
            final double[] y = new double[completed.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = completed.get(i).number();
                y[i] = Math.log(completed.get(i).figure(figure));
            }
            points.put(system, new double[][] {x, y});
            if (x.length >= MIN_RUNS_FOR_SCATTER) {
                scatter += residualSumOfSquares(x, y);
                degreesOfFreedom += x.length - 2;
            }
        }
        final double critical = degreesOfFreedom == 0 ? Double.NaN
            : new TDistribution(degreesOfFreedom).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        final double variance = degreesOfFreedom == 0 ? Double.NaN : scatter / degreesOfFreedom;
        final Map<String, Trend> trends = new LinkedHashMap<>();
        for (final Map.Entry<String, double[][]> entry : points.entrySet()) {
            final double[] x = entry.getValue()[0];
            final double[] y = entry.getValue()[1];
            if (x.length < 2) {
                trends.put(entry.getKey(), new Trend(entry.getKey(), x.length, Double.NaN, Double.NaN, false, false));
                continue;
            }
            final double firstToLast = Math.exp(y[y.length - 1] - y[0]) - 1;
            final double slope = slope(x, y);
            final boolean testable = degreesOfFreedom > 0;
            final double spread = Math.sqrt(variance / sumOfSquares(x));
            final boolean significant = testable && (spread == 0 ? slope != 0 : Math.abs(slope) / spread > critical);
            trends.put(entry.getKey(), new Trend(entry.getKey(), x.length, firstToLast, Math.exp(slope) - 1,
                significant, testable));
        }
        return trends;
    }

    /** The systems whose trend is beyond the noise. */
    static List<String> flagged(final Versus versus) {
        final List<String> flagged = new ArrayList<>();
        of(versus).values().forEach(trend -> {
            if (trend.significant()) {
                flagged.add(trend.system());
            }
        });
        return flagged;
    }

    private static double slope(final double[] x, final double[] y) {
        final double meanX = mean(x);
        final double meanY = mean(y);
        double products = 0;
        for (int i = 0; i < x.length; i++) {
            products += (x[i] - meanX) * (y[i] - meanY);
        }
        return products / sumOfSquares(x);
    }

    private static double residualSumOfSquares(final double[] x, final double[] y) {
        final double slope = slope(x, y);
        final double intercept = mean(y) - slope * mean(x);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            final double residual = y[i] - intercept - slope * x[i];
            sum += residual * residual;
        }
        return sum;
    }

    /** Of the deviations from the mean. */
    private static double sumOfSquares(final double[] x) {
        final double mean = mean(x);
        double sum = 0;
        for (final double value : x) {
            sum += (value - mean) * (value - mean);
        }
        return sum;
    }

    private static double mean(final double[] values) {
        double sum = 0;
        for (final double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
