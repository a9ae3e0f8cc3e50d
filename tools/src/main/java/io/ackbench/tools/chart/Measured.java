package io.ackbench.tools.chart;

import io.ackbench.tools.results.Metric;

import java.util.Objects;

/**
 * One figure as a chart draws it: the score, the half-width of its error bar (0 when JMH had none), its JMH unit,
 * and the per-iteration samples behind it.
 */
final class Measured {
    private final double value;
    private final double error;
    private final String unit;
    private final double[] samples;

    Measured(final double value, final double error, final String unit, final double[] samples) {
        this.value = value;
        this.error = Double.isFinite(error) ? error : 0;
        this.unit = Objects.requireNonNull(unit, "unit");
        this.samples = samples.clone();
    }

    static Measured of(final Metric metric) {
        return new Measured(metric.score(), metric.scoreError(), metric.unit(), metric.samples());
    }

    /**
     * The same figure as nanoseconds per operation: {@code ops/us} is inverted, {@code us/op} rescaled. An inverted
     * error keeps its relative size (first order; the exact interval would be lopsided).
     *
     * @throws IllegalArgumentException when the unit is neither a throughput nor a time per operation
     */
    Measured inNanosPerOperation() {
        if (!Units.isThroughput(unit) && !Units.isTimePerOperation(unit)) {
            throw new IllegalArgumentException("cannot show " + unit + " as time per operation");
        }
        final double nanos = Units.nanosIn(unit);
        final double[] converted = new double[samples.length];
        if (Units.isThroughput(unit)) {
            final double perOp = nanos / value;
            for (int i = 0; i < samples.length; i++) {
                converted[i] = nanos / samples[i];
            }
            return new Measured(perOp, perOp * error / value, Units.NANOS_PER_OP, converted);
        }
        for (int i = 0; i < samples.length; i++) {
            converted[i] = samples[i] * nanos;
        }
        return new Measured(value * nanos, error * nanos, Units.NANOS_PER_OP, converted);
    }

    double value() {
        return value;
    }

    double error() {
        return error;
    }

    String unit() {
        return unit;
    }

    double[] samples() {
        return samples.clone();
    }

    @Override
    public String toString() {
        return value + " \u00b1 " + error + " " + unit;
    }
}
