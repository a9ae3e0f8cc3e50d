package io.ackbench.tools.chart;

import io.ackbench.load.stages.StageBreakdown;

import io.ackbench.tools.results.BenchmarkResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Charts of ackbench's results, each written as {@code .png} and {@code .svg}. Every method returns the files it
 * wrote, PNG before SVG, chart by chart.
 */
public final class Charts {
    static final String HEADLESS_PROPERTY = "java.awt.headless";

    /** What ackbench's latency recorders write (HgrmFile, LatencyRecorder), for files whose comment names no unit. */
    static final TimeUnit DEFAULT_HGRM_UNIT = TimeUnit.MICROSECONDS;
    private static final String LATENCY_TITLE = "Latency";
    private static final String LATENCY_STEM = "latency";
    private static final String VERSUS_STEM = "versus";
    private static final String BASELINE = "baseline";
    private static final String CURRENT = "current";

    static {
        // Charts are drawn off screen; unless the caller said otherwise, AWT need not look for a display.
        if (System.getProperty(HEADLESS_PROPERTY) == null) {
            System.setProperty(HEADLESS_PROPERTY, "true");
        }
    }

    private Charts() {
    }

    /**
     * Grouped bars of every result's primary score with its 99.9% error bar: per benchmark and mode, one chart per
     * combination of the params held fixed (see {@link BarLayout} for which param goes where by default).
     */
    public static List<Path> scores(final List<BenchmarkResult> results, final Path outDir, final ChartLabel label) {
        return scores(results, outDir, label, BarOptions.DEFAULTS);
    }

    /** {@link #scores(List, Path, ChartLabel)} with the group-by, series-by or time-per-operation choice given. */
    public static List<Path> scores(final List<BenchmarkResult> results, final Path outDir, final ChartLabel label,
                                    final BarOptions options) {
        final List<Path> written = new ArrayList<>();
        for (final GroupedBars bars : BarGrouping.group(results, options, label)) {
            written.addAll(ChartFiles.write(GroupedBarChart.render(bars), outDir, bars.fileStem()));
        }
        return written;
    }

    /**
     * Grouped bars of a figure measured in a few runs each: every bar the runs' mean, its whiskers the runs' range
     * (see {@link RunRanges}); one chart named by the bars' file stem.
     */
    public static List<Path> runRanges(final RunRanges bars, final Path outDir, final ChartLabel label) {
        final GroupedBars grouped = bars.bars(label);
        return ChartFiles.write(GroupedBarChart.render(grouped), outDir, grouped.fileStem());
    }

    /**
     * Latency by percentile from HdrHistogram {@code .hgrm} files, one curve each, in one chart named
     * {@code latency[-COMMON]}, COMMON being what the file names share (which also goes to the title; the parts that
     * differ name the curves).
     *
     * @param hgrmFiles percentile distributions; values in the unit their first comment names, else microseconds
     */
    public static List<Path> latency(final List<Path> hgrmFiles, final Path outDir, final ChartLabel label) {
        return latency(hgrmFiles, outDir, label, LatencyOptions.DEFAULTS);
    }

    /** {@link #latency(List, Path, ChartLabel)} with names, title or a logarithmic axis given. */
    public static List<Path> latency(final List<Path> hgrmFiles, final Path outDir, final ChartLabel label,
                                     final LatencyOptions options) {
        if (hgrmFiles.isEmpty()) {
            throw new IllegalArgumentException("no .hgrm file to chart");
        }
        final List<String> names = options.names();
        if (!names.isEmpty() && names.size() != hgrmFiles.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + hgrmFiles.size() + " files");
        }
        final CurveNames fromFiles = CurveNames.of(hgrmFiles);
        final List<LatencyCurve> curves = new ArrayList<>(hgrmFiles.size());
        for (int i = 0; i < hgrmFiles.size(); i++) {
            final PercentileDistribution distribution = HgrmReader.read(hgrmFiles.get(i));
            curves.add(new LatencyCurve(names.isEmpty() ? fromFiles.names().get(i) : names.get(i), distribution,
                distribution.declaredUnit().orElse(DEFAULT_HGRM_UNIT)));
        }
        final String common = names.isEmpty() ? fromFiles.common() : "";
        final String title = options.title().isEmpty()
            ? LATENCY_TITLE + (common.isEmpty() ? "" : ": " + common) : options.title();
        final String stem = LATENCY_STEM + (common.isEmpty() ? ""
            : "-" + String.join("-", fromFiles.commonParts()).replace(CurveNames.ELLIPSIS, ""));
        return ChartFiles.write(LatencyChart.render(label.appendTo(title), curves, options.logarithmic()), outDir, stem);
    }

    /**
     * One benchmark's baseline and current run side by side: each iteration as a dot, the score with its error bar,
     * the ratio of the scores in the title. Named {@code versus-BENCHMARK-MODE[-PARAM=VALUE...]}.
     *
     * @throws IllegalArgumentException when the two are not the same benchmark, mode and params, or differ in unit
     */
    public static List<Path> baselineVersusCurrent(final BenchmarkResult baseline, final BenchmarkResult current,
                                                   final Path outDir, final ChartLabel baselineLabel,
                                                   final ChartLabel currentLabel) {
        if (!baseline.key().equals(current.key())) {
            throw new IllegalArgumentException("the baseline " + baseline.key() + " and the current " + current.key()
                + " are not the same benchmark");
        }
        final VersusPair comparison = new VersusPair(baseline.shortName(), BarGrouping.joined(baseline.params()),
            Measured.of(baseline.primary()), runName(BASELINE, baselineLabel),
            Measured.of(current.primary()), runName(CURRENT, currentLabel));
        final StringBuilder stem = new StringBuilder(VERSUS_STEM).append('-').append(baseline.shortName())
            .append('-').append(baseline.mode());
        baseline.params().forEach((name, value) -> stem.append('-').append(name).append('=').append(value));
        final ChartLabel sameForBoth = baselineLabel.machine().equals(currentLabel.machine())
            ? ChartLabel.of(currentLabel.machine(), "") : ChartLabel.NONE;
        return ChartFiles.write(VersusChart.render(comparison, sameForBoth), outDir, stem.toString());
    }

    /** {@code baseline (kvm2c @ 55da12f)}, or {@code baseline}. */
    /**
     * Stacked bars of where the latency went, one bar per run's {@code summary.json} (its {@code "stages"} object),
     * one chart per percentile: p50, p99, p99.9.
     *
     * @param labels a name per file, or null to name each run by its directory
     */
    public static List<Path> stages(final List<Path> summaries, final List<String> labels, final Path outDir,
                                    final String title) {
        final List<StageSummary> runs = new ArrayList<>();
        for (int i = 0; i < summaries.size(); i++) {
            runs.add(StageSummary.read(summaries.get(i), labels == null ? null : labels.get(i)));
        }
        return StageChart.write(runs, outDir, title);
    }

    /**
     * The stage breakdown a run's summary.json carries, or null when it has none (a run of an older build, a target
     * that reports none).
     *
     * @throws java.io.UncheckedIOException naming the file when it cannot be read or parsed
     */
    public static StageBreakdown stageBreakdown(final Path summaryJson) {
        try {
            return StageSummary.read(summaryJson, null).breakdown();
        } catch (final IllegalArgumentException e) {
            return null;
        }
    }

    private static String runName(final String run, final ChartLabel label) {
        final String described = label.describe();
        return described.isEmpty() ? run : run + " (" + described + ")";
    }
}
