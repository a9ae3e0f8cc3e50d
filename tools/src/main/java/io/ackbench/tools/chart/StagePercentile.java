package io.ackbench.tools.chart;

import io.ackbench.load.stages.StageRow;

import java.util.function.ToDoubleFunction;

/** The percentiles a stage chart is drawn for, one chart each. */
enum StagePercentile {
    P50("p50", StageRow::p50Micros),
    P99("p99", StageRow::p99Micros),
    P999("p99.9", StageRow::p999Micros);

    private final String label;
    private final ToDoubleFunction<StageRow> micros;

    StagePercentile(final String label, final ToDoubleFunction<StageRow> micros) {
        this.label = label;
        this.micros = micros;
    }

    String label() {
        return label;
    }

    /** The row's figure for this percentile in microseconds, NaN where unknown. */
    double micros(final StageRow row) {
        return micros.applyAsDouble(row);
    }
}
