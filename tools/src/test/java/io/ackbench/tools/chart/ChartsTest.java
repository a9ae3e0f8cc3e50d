package io.ackbench.tools.chart;

import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.Metric;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChartsTest {
    private static final String PRODUCE = "io.ackbench.jmh.ProduceBenchmark.send";

    @TempDir
    Path dir;

    private static List<BenchmarkResult> produceResults() {
        final List<BenchmarkResult> results = new ArrayList<>();
        for (final String acks : List.of("0", "1", "all", "all-idempotent")) {
            for (final String minInsync : List.of("2", "3")) {
                for (final String keyed : List.of("false", "true")) {
                    results.add(BarGroupingTest.result(PRODUCE, Map.of("acks", acks, "keyed", keyed,
                        "minInsync", minInsync, "rate", "0"), 900_000 + acks.length() * 50_000, 40_000, "ops/s"));
                }
            }
        }
        return results;
    }

    @Test
    void scoresWriteOneChartPerFixedCombination() throws Exception {
        final List<Path> written = Charts.scores(produceResults(), dir, ChartLabel.of("kvm2c", "55da12f"));

        assertThat(written).containsExactly(
            dir.resolve("ProduceBenchmark.send-thrpt-keyed=false.png"),
            dir.resolve("ProduceBenchmark.send-thrpt-keyed=false.svg"),
            dir.resolve("ProduceBenchmark.send-thrpt-keyed=true.png"),
            dir.resolve("ProduceBenchmark.send-thrpt-keyed=true.svg"));
        ChartImages.assertPngAndSvgPairs(written);
    }

    @Test
    void errorBarsManyTimesTheScoreAreCutAndSaySo() throws Exception {
        // Three iterations make JMH's error four times the score, as in results/baselines/ProduceBenchmark-*.json.
        final List<BenchmarkResult> noisy = List.of(
            BarGroupingTest.result(PRODUCE, Map.of("acks", "0"), 1_000_000, 4_000_000, "ops/s"),
            BarGroupingTest.result(PRODUCE, Map.of("acks", "1"), 800_000, 100_000, "ops/s"));
        final GroupedBars bars = BarGrouping.group(noisy, BarOptions.DEFAULTS, ChartLabel.NONE).get(0);

        final var chart = GroupedBarChart.render(bars);
        assertThat(chart.getYAxisTitle()).isEqualTo("throughput (ops/s); error bars: 99.9% CI, cut at the plot's edge");
        assertThat(chart.getStyler().getYAxisMax()).isEqualTo(1_250_000);
        assertThat(chart.getStyler().getYAxisMin()).isEqualTo(0);
        ChartImages.assertPngAndSvgPairs(Charts.scores(noisy, dir, ChartLabel.NONE));
    }

    @Test
    void latencyOverlaysOneCurvePerFileNamedByWhatTheNamesDoNotShare() throws Exception {
        final List<Path> files = new ArrayList<>();
        for (final String acks : List.of("0", "all")) {
            final Histogram histogram = new Histogram(3);
            for (int i = 1; i <= 100_000; i++) {
                histogram.recordValue(acks.equals("0") ? i % 500 + 100 : i % 5000 + 800);
            }
            final Path file = dir.resolve("ProduceBenchmark.send-thrpt-acks=" + acks
                + "-keyed=false-20261124T00054" + files.size() + ".786Z.latency-us.hgrm");
            try (PrintStream out = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8)) {
                out.println("# Latency in microseconds");
                histogram.outputPercentileDistribution(out, 5, 1.0);
            }
            files.add(file);
        }
        final Path out = dir.resolve("charts");

        final List<Path> written = Charts.latency(files, out, ChartLabel.of("kvm2c", ""));

        assertThat(written).containsExactly(
            out.resolve("latency-ProduceBenchmark.send-thrpt-keyed=false.png"),
            out.resolve("latency-ProduceBenchmark.send-thrpt-keyed=false.svg"));
        ChartImages.assertPngAndSvgPairs(written);
        final List<Path> logarithmic = Charts.latency(files, dir.resolve("log"), ChartLabel.NONE,
            LatencyOptions.DEFAULTS.logarithmic(true).names(List.of("no acks", "all replicas")).title("acks"));
        assertThat(logarithmic).containsExactly(dir.resolve("log/latency.png"), dir.resolve("log/latency.svg"));
        ChartImages.assertPngAndSvgPairs(logarithmic);
    }

    @Test
    void latencyChartHasPercentileTicksAndMicrosecondsBelowTenMilliseconds() {
        final PercentileDistribution distribution = HgrmReader.parse(List.of(
            "100 0.0 1", "200 0.5 50", "900 0.9 90", "2000 0.99 99", "5000 0.999 999", "9000 1.0 1000"), "x.hgrm");

        final var chart = LatencyChart.render("t",
            List.of(new LatencyCurve("run", distribution, java.util.concurrent.TimeUnit.MICROSECONDS)), false);

        assertThat(chart.getYAxisTitle()).isEqualTo("latency (\u00b5s)");
        assertThat(chart.getXAxisTitle()).isEqualTo("percentile");
        assertThat(chart.getSeriesMap()).containsOnlyKeys("run (max 9 ms)");
        assertThat(chart.getStyler().getXAxisMax()).isEqualTo(3.0, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void baselineVersusCurrentPutsTheRatioInTheTitle() throws Exception {
        final Map<String, String> params = Map.of("acks", "all", "keyed", "true");
        final BenchmarkResult baseline = BenchmarkResult.of(PRODUCE, "thrpt", params,
            Metric.of(1000, 50, "ops/ms", new double[] {980, 1000, 1020}), Map.of());
        final BenchmarkResult current = BenchmarkResult.of(PRODUCE, "thrpt", params,
            Metric.of(820, 40, "ops/ms", new double[] {800, 820, 840}), Map.of());

        final List<Path> written = Charts.baselineVersusCurrent(baseline, current, dir,
            ChartLabel.of("kvm2c", "55da12f"), ChartLabel.of("kvm2c", "abc1234"));

        assertThat(written).containsExactly(
            dir.resolve("versus-ProduceBenchmark.send-thrpt-acks=all-keyed=true.png"),
            dir.resolve("versus-ProduceBenchmark.send-thrpt-acks=all-keyed=true.svg"));
        ChartImages.assertPngAndSvgPairs(written);
        final VersusPair comparison = new VersusPair("ProduceBenchmark.send", "acks=all, keyed=true",
            Measured.of(baseline.primary()), "baseline", Measured.of(current.primary()), "current");
        final var chart = VersusChart.render(comparison, ChartLabel.of("kvm2c", ""));
        assertThat(chart.getTitle())
            .isEqualTo("ProduceBenchmark.send: current / baseline = 0.820 (-18.0%, slower) \u2014 kvm2c");
        assertThat(chart.getXAxisTitle()).isEqualTo("acks=all, keyed=true");
    }

    @Test
    void baselineAndCurrentMustBeTheSameBenchmark() {
        final BenchmarkResult acksAll = BarGroupingTest.result(PRODUCE, Map.of("acks", "all"), 1, 0, "ops/s");
        final BenchmarkResult acks1 = BarGroupingTest.result(PRODUCE, Map.of("acks", "1"), 1, 0, "ops/s");

        assertThatThrownBy(() -> Charts.baselineVersusCurrent(acksAll, acks1, dir, ChartLabel.NONE, ChartLabel.NONE))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("the baseline io.ackbench.jmh.ProduceBenchmark.send thrpt {acks=all} and the current "
                + "io.ackbench.jmh.ProduceBenchmark.send thrpt {acks=1} are not the same benchmark");
    }
}
