package io.ackbench.tools.nightly;

import io.ackbench.tools.compare.BenchmarkThresholds;
import io.ackbench.tools.compare.Comparison;
import io.ackbench.tools.compare.ComparisonSettings;
import io.ackbench.tools.results.JmhResults;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ErrorRateReportTest {
    private static final Pattern AFFECTED = Pattern.compile("ProduceBenchmark\\.send");
    private static final String BASELINE = "[" + NightlyJson.thrpt("ProduceBenchmark.send", 100, 101, 99, 100) + ","
        + NightlyJson.thrpt("PartitionerBenchmark.murmur2", 50, 51, 49, 50) + "]";

    private static Comparison against(final String produce, final String partitioner) {
        final String current = "[" + produce + "," + partitioner + "]";
        return Comparison.of(JmhResults.parse(BASELINE, "baseline"), JmhResults.parse(current, "current"),
            ComparisonSettings.defaults());
    }

    private static final Comparison SAME = against(NightlyJson.thrpt("ProduceBenchmark.send", 100, 99, 101, 100),
        NightlyJson.thrpt("PartitionerBenchmark.murmur2", 50, 49, 51, 50));
    private static final Comparison PRODUCE_SLOWER = against(
        NightlyJson.thrpt("ProduceBenchmark.send", 90, 91, 89, 90),
        NightlyJson.thrpt("PartitionerBenchmark.murmur2", 50, 49, 51, 50));
    private static final Comparison PARTITIONER_SLOWER = against(
        NightlyJson.thrpt("ProduceBenchmark.send", 100, 99, 101, 100),
        NightlyJson.thrpt("PartitionerBenchmark.murmur2", 40, 41, 39, 40));

    @Test
    void anAAPairsRegressionsAreAllFalseAnInjectedPairsOnlyThoseOfUnreachedBenchmarks() {
        final ErrorRateReport.Pair aa = new ErrorRateReport.Pair(1, false, 60, PRODUCE_SLOWER);
        final ErrorRateReport.Pair injected = new ErrorRateReport.Pair(1, true, 60, PRODUCE_SLOWER);
        final ErrorRateReport.Pair injectedMissed = new ErrorRateReport.Pair(2, true, 60, PARTITIONER_SLOWER);

        assertThat(aa.falseFlags(AFFECTED)).hasSize(1);
        assertThat(injected.falseFlags(AFFECTED)).isEmpty();
        assertThat(injected.detected(AFFECTED)).isTrue();
        assertThat(injectedMissed.detected(AFFECTED)).isFalse();
        assertThat(injectedMissed.falseFlags(AFFECTED)).extracting(row -> row.baseline().shortName())
            .containsExactly("PartitionerBenchmark.murmur2");
    }

    @Test
    void reportsTheRatesAndEveryPairsRows() {
        final ErrorRateReport.Setup setup = new ErrorRateReport.Setup("scripts/nightly-error-rates --pairs 2",
            "Nightly gate error rates", "abc1234", "nightly-gate.list", "-f 2", 2, 10, AFFECTED.pattern(),
            "0123456789ab");
        final String report = ErrorRateReport.render(setup, List.of(
            new ErrorRateReport.Pair(1, false, 150, SAME), new ErrorRateReport.Pair(1, true, 150, PRODUCE_SLOWER),
            new ErrorRateReport.Pair(2, false, 150, PARTITIONER_SLOWER),
            new ErrorRateReport.Pair(2, true, 150, SAME)), ComparisonSettings.defaults());

        assertThat(report).startsWith("# Nightly gate error rates\n\nCommand: `scripts/nightly-error-rates --pairs 2`")
            .contains("significant at 0.99 and the ratio current/baseline is worse than the benchmark's threshold, 5% "
                + "(below 0.95 for throughput);")
            .contains("| false regression: an A/A pair with any regression flagged | 2 | 1 | 1/2 = 50% |")
            .contains("| an A/A pair with any change flagged, regression or improvement (the test's two-sided "
                + "error; only regressions fail the gate) | 2 | 1 | 1/2 = 50% |")
            .contains("| detection: an injected pair with a reached benchmark flagged | 2 | 1 | 1/2 = 50% |")
            .contains("| injected pair with an unreached benchmark flagged | 2 | 0 | 0/2 = 0% |")
            .contains("| 1 | slowed 10% | 2.5 | `ProduceBenchmark.send` (reached) | acks=all | primary | 0.900 | ")
            .contains(" | 5% | **regression** |")
            .contains("| 2 | same (A/A) | 2.5 | `PartitionerBenchmark.murmur2` | acks=all | primary | 0.800 | ");
        assertThat(report.lines().filter(line -> line.startsWith("| 1 | slowed"))).hasSize(4);
    }

    /**
     * The noise table: ProduceBenchmark's unchanged ratios are its A/A ones (1.0, 1.0 and 0.9: the slowed pair is
     * left out, the slowdown reaches it); PartitionerBenchmark's come from every pair (1.0, 1.0, 1.0, 1.0, 0.8).
     * Each row's threshold is the one its comparisons were judged by; the settings name the file in the header.
     */
    @Test
    void theNoiseTableGivesEachScoresSpreadWhereNothingChangedAndTheThresholdItImplies() {
        final ErrorRateReport.Setup setup = new ErrorRateReport.Setup("c", "t", "abc1234", "l", "", 3, 10,
            AFFECTED.pattern(), "0123456789ab");
        final ComparisonSettings settings = ComparisonSettings.defaults().withBenchmarkThresholds(
            BenchmarkThresholds.parse("Partitioner 15", "nightly.thresholds"));
        final String report = ErrorRateReport.render(setup, List.of(
            new ErrorRateReport.Pair(1, false, 60, SAME), new ErrorRateReport.Pair(1, true, 60, PRODUCE_SLOWER),
            new ErrorRateReport.Pair(2, false, 60, SAME), new ErrorRateReport.Pair(3, false, 60, PRODUCE_SLOWER),
            new ErrorRateReport.Pair(2, true, 60, PARTITIONER_SLOWER)), settings);

        final double produceSpread = NoiseTable.standardDeviation(new double[] {0, 0, Math.log(0.9)});
        final double partitionerSpread = NoiseTable.standardDeviation(new double[] {0, 0, 0, 0, Math.log(0.8)});
        assertThat(report)
            .contains("unless `nightly.thresholds` gives it its own")
            .contains("| `ProduceBenchmark.send` | acks=all | 3 | 0.900 | 1.000 | "
                + String.format(Locale.ROOT, "%.1f%% | %.1f%% (above the threshold) | 5%% |", 100 * produceSpread,
                100 * (1 - Math.exp(-2.5758293 * produceSpread))))
            .contains("| `PartitionerBenchmark.murmur2` | acks=all | 5 | 0.800 | 1.000 | "
                + String.format(Locale.ROOT, "%.1f%% | %.1f%% (above the threshold) | 5%% |",
                100 * partitionerSpread, 100 * (1 - Math.exp(-2.5758293 * partitionerSpread))));
        assertThat(produceSpread).isCloseTo(0.0608, within(0.0001));
    }

    @Test
    void fewerThanThreeUnchangedRatiosGiveNoSpread() {
        final ErrorRateReport.Setup setup = new ErrorRateReport.Setup("c", "t", "abc1234", "l", "", 1, 10,
            AFFECTED.pattern(), "0123456789ab");
        final String report = ErrorRateReport.render(setup, List.of(new ErrorRateReport.Pair(1, false, 60, SAME)),
            ComparisonSettings.defaults());

        assertThat(report).contains("| `ProduceBenchmark.send` | acks=all | 1 | - | - | - | - | 5% |");
    }
}
