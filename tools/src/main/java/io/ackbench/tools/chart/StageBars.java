package io.ackbench.tools.chart;

import io.ackbench.load.stages.StageRow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one stage chart shows, in milliseconds: one bar per run, stacked from the stages that are part of the total
 * ({@link StageRow#inTotal()}), and beside them the figures reported with the stages but not part of the stack (the
 * total, or a request's round trip), as markers. A series holds one value per run, NaN where the run has no such
 * row or its source does not give this percentile (Kafka's producer metrics give none).
 *
 * @param stacked the stacked stages, in the order the runs list them (the first run's first)
 * @param markers the other rows, in the same order
 */
record StageBars(StagePercentile percentile, List<String> runs, List<Series> stacked, List<Series> markers) {
    private static final double MICROS_PER_MILLI = 1_000.0;

    /** One stage across the runs. */
    record Series(String name, double[] millis) {
        /** Whether any run has a figure for it. */
        boolean reported() {
            return Arrays.stream(millis).anyMatch(v -> !Double.isNaN(v));
        }

        @Override
        public boolean equals(final Object other) {
            return other instanceof Series series && name.equals(series.name)
                && Arrays.equals(millis, series.millis);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(millis);
        }

        @Override
        public String toString() {
            return name + Arrays.toString(millis);
        }
    }

    static StageBars of(final List<StageSummary> runs, final StagePercentile percentile) {
        final List<String> labels = new ArrayList<>();
        final Map<String, double[]> stacked = new LinkedHashMap<>();
        final Map<String, double[]> markers = new LinkedHashMap<>();
        for (final StageSummary run : runs) {
            labels.add(run.label());
            for (final StageRow row : run.breakdown().rows()) {
                (row.inTotal() ? stacked : markers).computeIfAbsent(row.name(), name -> nans(runs.size()));
            }
        }
        for (int r = 0; r < runs.size(); r++) {
            for (final StageRow row : runs.get(r).breakdown().rows()) {
                (row.inTotal() ? stacked : markers).get(row.name())[r] = percentile.micros(row) / MICROS_PER_MILLI;
            }
        }
        return new StageBars(percentile, List.copyOf(labels), series(stacked), series(markers));
    }

    /** The height of run {@code r}'s stack: its stages' figures added, an unknown one as nothing. */
    double stackHeight(final int r) {
        double sum = 0;
        for (final Series series : stacked) {
            sum += Double.isNaN(series.millis()[r]) ? 0 : series.millis()[r];
        }
        return sum;
    }

    private static double[] nans(final int n) {
        final double[] values = new double[n];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    private static List<Series> series(final Map<String, double[]> byName) {
        final List<Series> series = new ArrayList<>();
        byName.forEach((name, values) -> series.add(new Series(name, values)));
        return List.copyOf(series);
    }
}
