package io.ackbench.tools.results;

import java.util.Arrays;
import java.util.Objects;

/**
 * One metric of a JMH result, primary or secondary: JMH's summary (score, error, unit) and the measurement it was
 * computed from, one value per measurement iteration over all forks.
 */
public final class Metric {
    private final double score;
    private final double scoreError;
    private final String unit;
    private final double[] samples;

    private Metric(final double score, final double scoreError, final String unit, final double[] samples) {
        this.score = score;
        this.scoreError = scoreError;
        this.unit = Objects.requireNonNull(unit, "unit");
        this.samples = samples.clone();
    }

    /**
     * @param score      JMH's score
     * @param scoreError JMH's half-width of the 99.9% interval, NaN when JMH could not compute one
     * @param unit       the score's unit as JMH writes it, e.g. {@code ops/us}, {@code us/op}, {@code B/op}
     * @param samples    one value per measurement iteration over all forks (copied)
     */
    public static Metric of(final double score, final double scoreError, final String unit, final double[] samples) {
        return new Metric(score, scoreError, unit, samples);
    }

    public double score() {
        return score;
    }

    /** Half-width of JMH's 99.9% confidence interval; NaN when JMH wrote {@code "NaN"} (e.g. one iteration). */
    public double scoreError() {
        return scoreError;
    }

    public String unit() {
        return unit;
    }

    /**
     * One value per measurement iteration, forks one after the other (a copy). For {@code sample} mode each value
     * is the mean of that iteration's sampled times.
     */
    public double[] samples() {
        return samples.clone();
    }

    public int sampleCount() {
        return samples.length;
    }

    @Override
    public boolean equals(final Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Metric)) {
            return false;
        }
        final Metric that = (Metric) other;
        return Double.compare(score, that.score) == 0 && Double.compare(scoreError, that.scoreError) == 0
            && unit.equals(that.unit) && Arrays.equals(samples, that.samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(score, scoreError, unit, Arrays.hashCode(samples));
    }

    @Override
    public String toString() {
        return score + " ± " + scoreError + " " + unit + " (" + samples.length + " samples)";
    }
}
