package io.ackbench.tools.chart;

import java.util.Optional;

/**
 * What a caller may choose about bar charts instead of the suite's default: the param along the x axis, the param
 * that makes the series, and whether scores are shown as nanoseconds per operation. Empty means "the default".
 */
public final class BarOptions {
    public static final BarOptions DEFAULTS = new BarOptions(Optional.empty(), Optional.empty(), Optional.empty());

    private final Optional<String> groupBy;
    private final Optional<String> seriesBy;
    private final Optional<Boolean> timePerOperation;

    private BarOptions(final Optional<String> groupBy, final Optional<String> seriesBy,
                       final Optional<Boolean> timePerOperation) {
        this.groupBy = groupBy;
        this.seriesBy = seriesBy;
        this.timePerOperation = timePerOperation;
    }

    /** The param along the x axis, where a benchmark has it. */
    public BarOptions groupBy(final String param) {
        return new BarOptions(Optional.of(param), seriesBy, timePerOperation);
    }

    /** The param whose values are the series (legend entries), where a benchmark has it. */
    public BarOptions seriesBy(final String param) {
        return new BarOptions(groupBy, Optional.of(param), timePerOperation);
    }

    /** Throughput inverted (and times rescaled) to nanoseconds per operation, or not, whatever the suite's default. */
    public BarOptions timePerOperation(final boolean perOperation) {
        return new BarOptions(groupBy, seriesBy, Optional.of(perOperation));
    }

    Optional<String> groupBy() {
        return groupBy;
    }

    Optional<String> seriesBy() {
        return seriesBy;
    }

    Optional<Boolean> timePerOperation() {
        return timePerOperation;
    }
}
