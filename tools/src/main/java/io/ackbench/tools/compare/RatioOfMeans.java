package io.ackbench.tools.compare;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.Arrays;
import java.util.Optional;

/**
 * The ratio of two means, current/baseline, with Welch's t-test of their difference and Fieller's confidence
 * interval for the ratio, both from the per-iteration samples of the two runs.
 *
 * <p>Why these: a JMH measurement iteration averages many operations, so its value is close to normal, but two
 * runs (different days, different neighbours on a shared machine) need not have the same variance: Welch's test
 * does not assume they do, and its t distribution is honest about the few iterations a run has (5 to 20), where
 * a bootstrap would resample from too few values and give too narrow an interval. The ratio is what a reader
 * wants ("20% slower"), and Fieller's theorem gives its interval exactly (the set of ratios r for which
 * {@code mean(current) - r·mean(baseline)} is not significantly different from 0) instead of the delta method's
 * symmetric approximation, which is poor when the baseline is noisy. With the Welch–Satterthwaite degrees of
 * freedom of the difference used for both, the interval contains 1 exactly when the test is not significant, so
 * table and verdict never disagree.
 *
 * <p>Iterations are treated as independent. When forks differ more than iterations within a fork do, that
 * understates the noise; run several forks ({@code -f}) and compare like with like.
 *
 * <p>With fewer than two samples on a side, no variance and so neither test nor interval exists ({@link
 * #hasInterval()} is false); a zero baseline mean leaves the ratio undefined (NaN). When both sides have no
 * spread at all (identical iterations, typical of allocation counts), the difference is certain: significant
 * exactly when the means differ, and the interval is the ratio itself.
 */
public final class RatioOfMeans {
    private static final int MINIMUM_SAMPLES = 2;
    private static final double TWO_SIDED = 2;

    private final double baselineMean;
    private final double currentMean;
    private final double ratio;
    private final RatioInterval interval;
    private final double pValue;
    private final boolean significant;

    private RatioOfMeans(final double baselineMean, final double currentMean, final RatioInterval interval,
                         final double pValue, final boolean significant) {
        this.baselineMean = baselineMean;
        this.currentMean = currentMean;
        this.ratio = baselineMean == 0 ? Double.NaN : currentMean / baselineMean;
        this.interval = interval;
        this.pValue = pValue;
        this.significant = significant;
    }

    /**
     * @param confidence two-sided confidence level in (0, 1), e.g. 0.99
     */
    public static RatioOfMeans of(final double[] baseline, final double[] current, final double confidence) {
        final double baselineMean = mean(baseline);
        final double currentMean = mean(current);
        if (baseline.length < MINIMUM_SAMPLES || current.length < MINIMUM_SAMPLES || baselineMean == 0
            || !allFinite(baseline) || !allFinite(current)) {
            return new RatioOfMeans(baselineMean, currentMean, null, Double.NaN, false);
        }
        // Variances of the two means.
        final double baselineVariance = variance(baseline, baselineMean) / baseline.length;
        final double currentVariance = variance(current, currentMean) / current.length;
        final double differenceVariance = baselineVariance + currentVariance;
        if (differenceVariance == 0) {
            final boolean differ = currentMean != baselineMean;
            final double ratio = currentMean / baselineMean;
            return new RatioOfMeans(baselineMean, currentMean, RatioInterval.of(ratio, ratio), differ ? 0 : 1, differ);
        }
        final double degreesOfFreedom = differenceVariance * differenceVariance
            / (baselineVariance * baselineVariance / (baseline.length - 1)
            + currentVariance * currentVariance / (current.length - 1));
        final TDistribution t = new TDistribution(degreesOfFreedom);
        final double critical = t.inverseCumulativeProbability(1 - (1 - confidence) / TWO_SIDED);
        final double statistic = Math.abs(currentMean - baselineMean) / Math.sqrt(differenceVariance);
        final double pValue = TWO_SIDED * t.cumulativeProbability(-statistic);
        return new RatioOfMeans(baselineMean, currentMean,
            fieller(baselineMean, baselineVariance, currentMean, currentVariance, critical),
            pValue, statistic > critical);
    }

    /**
     * The ratios r with {@code (ȳ - r·x̄)² <= t²·(v_y + r²·v_x)}: a quadratic {@code a·r² - 2·x̄·ȳ·r + c <= 0} with
     * {@code a = x̄² - t²·v_x}. Bounded only when a > 0, that is when the baseline mean is significantly non-zero.
     */
    private static RatioInterval fieller(final double x, final double vx, final double y, final double vy,
                                         final double t) {
        final double tSquared = t * t;
        final double a = x * x - tSquared * vx;
        if (a <= 0) {
            return RatioInterval.unbounded();
        }
        // The discriminant y²·vx + x²·vy - t²·vx·vy, written so that a > 0 visibly keeps it non-negative.
        final double halfWidth = t * Math.sqrt(y * y * vx + vy * a);
        return RatioInterval.of((x * y - halfWidth) / a, (x * y + halfWidth) / a);
    }

    private static double mean(final double[] samples) {
        return samples.length == 0 ? Double.NaN : Arrays.stream(samples).sum() / samples.length;
    }

    /** Unbiased sample variance. */
    private static double variance(final double[] samples, final double mean) {
        double sumOfSquares = 0;
        for (final double sample : samples) {
            sumOfSquares += (sample - mean) * (sample - mean);
        }
        return sumOfSquares / (samples.length - 1);
    }

    private static boolean allFinite(final double[] samples) {
        return Arrays.stream(samples).allMatch(Double::isFinite);
    }

    public double baselineMean() {
        return baselineMean;
    }

    public double currentMean() {
        return currentMean;
    }

    /** current/baseline of the sample means; NaN when the baseline mean is 0 or a side has no samples. */
    public double ratio() {
        return ratio;
    }

    /** Whether a test and an interval exist: two or more finite samples each side and a non-zero baseline. */
    public boolean hasInterval() {
        return interval != null;
    }

    /** Fieller's interval of the ratio at the requested confidence; empty without {@link #hasInterval()}. */
    public Optional<RatioInterval> interval() {
        return Optional.ofNullable(interval);
    }

    /** Two-sided p-value of Welch's test; NaN without {@link #hasInterval()}. */
    public double pValue() {
        return pValue;
    }

    /** Whether the means differ at the requested confidence; false without {@link #hasInterval()}. */
    public boolean isSignificant() {
        return significant;
    }
}
