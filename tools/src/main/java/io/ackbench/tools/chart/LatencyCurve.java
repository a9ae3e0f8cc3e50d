package io.ackbench.tools.chart;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** One curve of a latency chart: its legend name, the distribution, and the unit of the distribution's values. */
final class LatencyCurve {
    private final String name;
    private final PercentileDistribution distribution;
    private final TimeUnit unit;

    LatencyCurve(final String name, final PercentileDistribution distribution, final TimeUnit unit) {
        this.name = Objects.requireNonNull(name, "name");
        this.distribution = Objects.requireNonNull(distribution, "distribution");
        this.unit = Objects.requireNonNull(unit, "unit");
    }

    String name() {
        return name;
    }

    PercentileDistribution distribution() {
        return distribution;
    }

    TimeUnit unit() {
        return unit;
    }

    /** A value of the distribution in nanoseconds. */
    double nanos(final double value) {
        return value * unit.toNanos(1);
    }
}
