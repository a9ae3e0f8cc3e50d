package io.ackbench.tools.compare;

import io.ackbench.tools.results.BenchmarkResult;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A {@link Comparison} as Markdown: summary, the score table, the allocation table, new and vanished benchmarks. */
public final class MarkdownReport {
    private static final String PERCENT = "%";
    private static final String NONE = "none";
    private static final String DASH = "—";

    private MarkdownReport() {
    }

    /**
     * @param baselineName what the baseline is called in the summary, e.g. its file
     * @param currentName  likewise for the current run
     */
    public static String render(final Comparison comparison, final String baselineName, final String currentName) {
        final ComparisonSettings settings = comparison.settings();
        final String confidence = Figures.significant(settings.confidence() * 100, 4) + PERCENT;
        final StringBuilder out = new StringBuilder()
            .append("## Benchmark comparison\n\n")
            .append("Baseline `").append(baselineName).append("`, current `").append(currentName).append("`: ")
            .append(summary(comparison)).append(".\n\n")
            .append("A score changed when Welch's t-test on the iterations is significant at ").append(confidence)
            .append(" confidence and current/baseline moved by more than the row's threshold, ")
            .append(Figures.significant(settings.thresholdPercent(), 4)).append(PERCENT)
            .append(thresholdSource(settings))
            .append(" (throughput down or time per operation up is worse); the interval is Fieller's ")
            .append(confidence).append(" interval of the ratio.\n\n");
        table(out, comparison.rows(), confidence);
        out.append("\n### Allocation (").append(Comparison.ALLOCATION_METRIC).append(")\n\n");
        if (comparison.allocationRows().isEmpty()) {
            out.append("Not measured on both sides (run with `-prof gc`).\n");
        } else {
            out.append("Where the baseline allocates below ")
                .append(Figures.significant(Comparison.ZERO_ALLOCATION_BYTES, 4))
                .append(" B/op, growth beyond ").append(Figures.significant(settings.allocationToleranceBytes(), 4))
                .append(" B/op is a regression whatever the test says; above it, the rule for scores applies with"
                    + " more bytes worse.\n\n");
            table(out, comparison.allocationRows(), confidence);
        }
        out.append("\n### New benchmarks (current only)\n\n");
        list(out, comparison.newBenchmarks());
        out.append("\n### Vanished benchmarks (baseline only)\n\n");
        list(out, comparison.vanishedBenchmarks());
        return out.toString();
    }

    private static String thresholdSource(final ComparisonSettings settings) {
        final BenchmarkThresholds own = settings.benchmarkThresholds();
        return own.isEmpty() ? "" : " unless `" + own.source() + "` gives the benchmark its own (wider, for its"
            + " run-to-run noise)";
    }

    /** {@code 1 regression, 2 improvements, 30 unchanged, 1 without interval, 2 new, 1 vanished}. */
    static String summary(final Comparison comparison) {
        final Map<Verdict, Long> counts = Stream
            .concat(comparison.rows().stream(), comparison.allocationRows().stream())
            .collect(Collectors.groupingBy(ComparisonRow::verdict, Collectors.counting()));
        final long regressions = counts.getOrDefault(Verdict.REGRESSION, 0L);
        final long improvements = counts.getOrDefault(Verdict.IMPROVEMENT, 0L);
        return regressions + (regressions == 1 ? " regression, " : " regressions, ")
            + improvements + (improvements == 1 ? " improvement, " : " improvements, ")
            + counts.getOrDefault(Verdict.UNCHANGED, 0L) + " unchanged, "
            + counts.getOrDefault(Verdict.NO_INTERVAL, 0L) + " without interval, "
            + comparison.newBenchmarks().size() + " new, " + comparison.vanishedBenchmarks().size() + " vanished";
    }

    private static void table(final StringBuilder out, final List<ComparisonRow> rows, final String confidence) {
        if (rows.isEmpty()) {
            out.append("No benchmark is in both runs.\n");
            return;
        }
        out.append("| benchmark | params | mode | baseline | current | unit | ratio | ").append(confidence)
            .append(" interval | threshold | verdict |\n")
            .append("| --- | --- | --- | ---: | ---: | --- | ---: | --- | ---: | --- |\n");
        for (final ComparisonRow row : rows) {
            final BenchmarkResult result = row.baseline();
            out.append("| `").append(result.shortName()).append("` | ").append(cell(params(result)))
                .append(" | ").append(result.mode())
                .append(" | ").append(Figures.scoreWithError(row.baselineMetric().score(),
                    row.baselineMetric().scoreError()))
                .append(" | ").append(Figures.scoreWithError(row.currentMetric().score(),
                    row.currentMetric().scoreError()))
                .append(" | ").append(cell(row.unit()))
                .append(" | ").append(Figures.ratio(row.ratio()))
                .append(" | ").append(interval(row))
                .append(" | ").append(Figures.significant(row.thresholdPercent(), 4)).append(PERCENT)
                .append(" | ").append(verdict(row.verdict())).append(" |\n");
        }
    }

    private static String interval(final ComparisonRow row) {
        return row.interval()
            .map(interval -> interval.isBounded()
                ? Figures.ratio(interval.low()) + " – " + Figures.ratio(interval.high())
                : "unbounded")
            .orElse(DASH);
    }

    private static String verdict(final Verdict verdict) {
        return verdict == Verdict.REGRESSION ? "**" + verdict.label() + "**" : verdict.label();
    }

    private static void list(final StringBuilder out, final List<BenchmarkResult> results) {
        if (results.isEmpty()) {
            out.append(NONE).append('\n');
            return;
        }
        for (final BenchmarkResult result : results) {
            out.append("- `").append(result.shortName()).append("` ").append(result.mode());
            if (!result.params().isEmpty()) {
                out.append(' ').append(params(result));
            }
            out.append('\n');
        }
    }

    /** {@code acks=all keyed=true}, or a dash without params. */
    static String params(final BenchmarkResult result) {
        if (result.params().isEmpty()) {
            return DASH;
        }
        return result.params().entrySet().stream()
            .map(param -> param.getKey() + "=" + param.getValue())
            .collect(Collectors.joining(" "));
    }

    /** A table cell must not contain a pipe or a line break. */
    private static String cell(final String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }
}
