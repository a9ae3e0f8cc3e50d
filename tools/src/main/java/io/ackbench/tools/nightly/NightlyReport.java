package io.ackbench.tools.nightly;

import io.ackbench.tools.chart.ChartLabel;
import io.ackbench.tools.chart.Charts;
import io.ackbench.tools.compare.CompareMain;
import io.ackbench.tools.compare.Comparison;
import io.ackbench.tools.compare.ComparisonRow;
import io.ackbench.tools.compare.ComparisonSettings;
import io.ackbench.tools.compare.JsonReport;
import io.ackbench.tools.compare.MarkdownReport;
import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.JmhResults;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The report of a nightly run, for {@code scripts/nightly.sh}: compares the run with its baseline (each side one
 * or more JMH files, pooled; see {@link PooledResults}), writes {@code comparison.md} and {@code comparison.json},
 * charts under {@code charts/} (the run's scores, baseline versus current for each regression, latency curves from
 * the run's {@code .hgrm} files) and {@code report.md}, which holds the comparison and shows the charts. Exits as
 * {@code scripts/compare} does: 0 nothing regressed, 1 something did, 2 bad input.
 */
public final class NightlyReport {
    private static final String CHARTS = "charts";

    private NightlyReport() {
    }

    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole command, without exiting: returns the exit status. */
    public static int run(final String[] args, final PrintStream out, final PrintStream err) {
        final NightlyReportOptions options;
        try {
            options = NightlyReportOptions.parse(args);
        } catch (final IllegalArgumentException e) {
            err.println("nightly-report: " + e.getMessage());
            err.print(NightlyReportOptions.USAGE);
            return CompareMain.BAD_INPUT;
        }
        if (options.help()) {
            out.print(NightlyReportOptions.USAGE);
            return CompareMain.NOTHING_REGRESSED;
        }
        try {
            return report(options, out);
        } catch (final IllegalArgumentException | IOException e) {
            err.println("nightly-report: " + e.getMessage());
            return CompareMain.BAD_INPUT;
        }
    }

    private static int report(final NightlyReportOptions options, final PrintStream out) throws IOException {
        final List<BenchmarkResult> baseline = readPooled(options.baseline());
        final List<BenchmarkResult> current = readPooled(options.current());
        final Comparison comparison = Comparison.of(baseline, current, options.settings());
        final String baselineName = names(options.baseline());
        final String currentName = names(options.current());
        final Path outDir = options.outDir();
        Files.createDirectories(outDir);
        final String markdown = MarkdownReport.render(comparison, baselineName, currentName);
        Files.writeString(outDir.resolve("comparison.md"), markdown);
        Files.writeString(outDir.resolve("comparison.json"), JsonReport.render(comparison, baselineName, currentName));

        final ChartLabel baselineLabel = ChartLabel.fromResultFileName(options.baseline().get(0));
        final ChartLabel currentLabel = ChartLabel.fromResultFileName(options.current().get(0));
        final Path chartDir = outDir.resolve(CHARTS);
        final List<Path> scoreCharts = pngs(Charts.scores(current, chartDir, currentLabel));
        final List<Path> versusCharts = new ArrayList<>();
        for (final ComparisonRow regression : comparison.regressions()) {
            versusCharts.addAll(pngs(Charts.baselineVersusCurrent(regression.baseline(), regression.current(),
                chartDir, baselineLabel, currentLabel)));
        }
        final List<Path> latencyCharts = new ArrayList<>();
        final List<Path> hgrms = options.latencyDir().map(NightlyReport::hgrmFiles).orElse(List.of());
        if (!hgrms.isEmpty()) {
            latencyCharts.addAll(pngs(Charts.latency(hgrms, chartDir, currentLabel)));
        }

        final StringBuilder report = new StringBuilder();
        report.append("# ackbench nightly report\n\n");
        options.headline().ifPresent(line -> report.append(line).append("\n\n"));
        report
            .append("Current: `").append(currentName).append("`  \nBaseline: `").append(baselineName).append("`\n\n")
            .append(comparison.hasRegression()
                ? "**" + comparison.regressions().size() + " regression(s).**\n\n" : "No regression.\n\n")
            .append(markdown.replaceFirst("^## ", "## Comparison: "));
        section(report, "Regressions: baseline versus current", versusCharts, outDir);
        section(report, "Scores of this run", scoreCharts, outDir);
        section(report, "Latency of this run (from each record's intended send time)", latencyCharts, outDir);
        final Path reportFile = outDir.resolve("report.md");
        Files.writeString(reportFile, report.toString());

        options.headline().ifPresent(out::println);
        out.print(markdown);
        out.println();
        out.println("Report: " + reportFile);
        out.println("Charts: " + (scoreCharts.size() + versusCharts.size() + latencyCharts.size()) + " in " + chartDir);
        return comparison.hasRegression() ? CompareMain.REGRESSED : CompareMain.NOTHING_REGRESSED;
    }

    private static List<BenchmarkResult> readPooled(final List<Path> files) {
        final List<List<BenchmarkResult>> runs = new ArrayList<>(files.size());
        for (final Path file : files) {
            runs.add(JmhResults.read(file));
        }
        return PooledResults.pool(runs);
    }

    private static String names(final List<Path> files) {
        return files.stream().map(Path::toString).collect(Collectors.joining(" + "));
    }

    private static List<Path> pngs(final List<Path> written) {
        return written.stream().filter(p -> p.getFileName().toString().endsWith(".png")).collect(Collectors.toList());
    }

    private static List<Path> hgrmFiles(final Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".hgrm")).sorted()
                .collect(Collectors.toList());
        } catch (final IOException e) {
            throw new IllegalArgumentException("cannot list " + dir + " (" + e.getMessage() + ")", e);
        }
    }

    private static void section(final StringBuilder report, final String title, final List<Path> charts,
                                final Path outDir) {
        if (charts.isEmpty()) {
            return;
        }
        report.append("\n## ").append(title).append("\n\n");
        for (final Path chart : charts) {
            final String relative = outDir.toAbsolutePath().relativize(chart.toAbsolutePath()).toString();
            report.append("![").append(chart.getFileName()).append("](").append(relative).append(")\n\n");
        }
    }
}
