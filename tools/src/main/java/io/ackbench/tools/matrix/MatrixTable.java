package io.ackbench.tools.matrix;

import io.ackbench.load.RunResult;
import io.ackbench.tools.markdown.MarkdownTable;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * matrix.md: a row per configuration of records/s, MB/s and latency percentiles in microseconds from each record's
 * intended send time, and whether the run kept its target rate; a run that failed gets a row saying so.
 */
final class MatrixTable {
    static final String HEADER = MarkdownTable.row(List.of("configuration", "min.insync", "records/s", "MB/s",
        "p50 µs", "p99 µs", "p99.9 µs", "max µs", "kept rate"))
        + MarkdownTable.row(List.of("---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---"));

    private static final double NANOS_PER_MICRO = 1_000.0;

    private MatrixTable() {
    }

    /**
     * The run's row. Latencies are rounded to whole microseconds as summary.json's fractions were when the table was
     * a script, where produce-perf's final line truncates them: the two may differ by 1 µs.
     */
    static String row(final MatrixConfiguration configuration, final RunResult result) {
        final Histogram latency = result.latency();
        return MarkdownTable.row(List.of(configuration.name(), Integer.toString(configuration.minInsync()),
            format("%.0f", result.recordsPerSecond()), format("%.1f", result.megabytesPerSecond()),
            micros(latency.getValueAtPercentile(50)), micros(latency.getValueAtPercentile(99)),
            micros(latency.getValueAtPercentile(99.9)), micros(latency.getMaxValue()),
            Boolean.toString(result.keptRate())));
    }

    /** The row of a run that exited with {@code exitStatus} or measured nothing. */
    static String failedRow(final MatrixConfiguration configuration, final int exitStatus, final Path runDir) {
        return MarkdownTable.row(List.of(configuration.name(), Integer.toString(configuration.minInsync()),
            "run failed (exit " + exitStatus + "), see " + runDir, "", "", "", "", "", ""));
    }

    private static String micros(final long nanos) {
        return format("%.0f", nanos / NANOS_PER_MICRO);
    }

    private static String format(final String pattern, final double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
