package io.ackbench.load.stages;

import org.HdrHistogram.Histogram;

import java.util.Objects;

/**
 * One stage of a breakdown: its name, what it spans, and its percentiles in microseconds. A figure a source does
 * not have (Kafka's producer metrics give an average and a maximum, no percentiles) is {@link #UNKNOWN}.
 *
 * @param name        short name, the table's first column and the chart's legend (for example {@code accumulation})
 * @param spans       what the stage spans, from which event to which (for example {@code append -> batch drained})
 * @param count       how many records (or requests, as {@code unit} says) the figures cover, or {@link #UNKNOWN_COUNT}
 * @param unit        what {@code count} counts: {@code records} or {@code requests}
 * @param inTotal     whether the stage is a part of the record's total latency (false for the total itself and for
 *                    figures reported beside it, such as a whole request's round trip that overlaps other stages)
 */
public record StageRow(String name, String spans, long count, String unit, double p50Micros, double p99Micros,
                       double p999Micros, double maxMicros, boolean inTotal) {
    /** A percentile the source does not report. */
    public static final double UNKNOWN = Double.NaN;
    public static final long UNKNOWN_COUNT = -1;

    public StageRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spans, "spans");
        Objects.requireNonNull(unit, "unit");
    }

    /**
     * A row of {@code nanos}, a histogram of nanoseconds counting records: its count, p50, p99, p99.9 and max in
     * microseconds, or {@link #UNKNOWN} percentiles when it is empty.
     */
    public static StageRow of(final String name, final String spans, final Histogram nanos, final boolean inTotal) {
        final long count = nanos.getTotalCount();
        if (count == 0) {
            return new StageRow(name, spans, 0, "records", UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, inTotal);
        }
        return new StageRow(name, spans, count, "records", micros(nanos.getValueAtPercentile(50)),
            micros(nanos.getValueAtPercentile(99)), micros(nanos.getValueAtPercentile(99.9)),
            micros(nanos.getMaxValue()), inTotal);
    }

    private static double micros(final long nanos) {
        return nanos / 1_000.0;
    }
}
