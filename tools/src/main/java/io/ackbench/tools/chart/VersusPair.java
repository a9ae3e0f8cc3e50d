package io.ackbench.tools.chart;

import java.util.Locale;
import java.util.Objects;

/** One benchmark measured twice, a baseline run and the current one, as a versus chart draws it. */
final class VersusPair {
    private static final double PERCENT = 100;

    private final String benchmark;
    private final String configuration;
    private final Measured baseline;
    private final String baselineName;
    private final Measured current;
    private final String currentName;

    /**
     * @param benchmark     what was measured, e.g. {@code ProduceBenchmark.send}
     * @param configuration its params, e.g. {@code acks=all, keyed=true}, or ""
     * @param baselineName  the baseline run's name on the x axis, e.g. {@code baseline (kvm2c @ 55da12f)}
     */
    VersusPair(final String benchmark, final String configuration, final Measured baseline, final String baselineName,
               final Measured current, final String currentName) {
        if (!baseline.unit().equals(current.unit())) {
            throw new IllegalArgumentException(benchmark + ": the baseline is in " + baseline.unit()
                + " but the current run in " + current.unit());
        }
        this.benchmark = Objects.requireNonNull(benchmark, "benchmark");
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.baseline = baseline;
        this.baselineName = Objects.requireNonNull(baselineName, "baselineName");
        this.current = current;
        this.currentName = Objects.requireNonNull(currentName, "currentName");
    }

    String benchmark() {
        return benchmark;
    }

    String configuration() {
        return configuration;
    }

    Measured baseline() {
        return baseline;
    }

    String baselineName() {
        return baselineName;
    }

    Measured current() {
        return current;
    }

    String currentName() {
        return currentName;
    }

    /** Current score over baseline score. */
    double ratio() {
        return current.value() / baseline.value();
    }

    /**
     * {@code current / baseline = 0.82 (-18.0%, slower)}: throughput and time per operation say faster or slower,
     * other units higher or lower.
     */
    String ratioSentence() {
        final double ratio = ratio();
        final String unit = baseline.unit();
        final String direction;
        if (ratio == 1) {
            direction = "same";
        } else if (Units.isThroughput(unit)) {
            direction = ratio > 1 ? "faster" : "slower";
        } else if (Units.isTimePerOperation(unit)) {
            direction = ratio > 1 ? "slower" : "faster";
        } else {
            direction = ratio > 1 ? "higher" : "lower";
        }
        return String.format(Locale.ROOT, "current / baseline = %.3g (%+.1f%%, %s)",
            ratio, (ratio - 1) * PERCENT, direction);
    }
}
