package io.ackbench.tools.compare;

import io.ackbench.tools.results.BenchmarkResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.ackbench.tools.compare.SyntheticJmh.constant;
import static io.ackbench.tools.compare.SyntheticJmh.normal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

class ComparisonTest {
    private static final ComparisonSettings DEFAULTS = ComparisonSettings.defaults();
    private static final Map<String, String> NO_PARAMS = Map.of();
    private static final Map<String, String> ACKS_ALL = Map.of("acks", "all", "keyed", "true");
    private static final int ITERATIONS = 10;

    @Test
    void twentyPercentSlowdownWithTightIterationsIsARegression() {
        final ComparisonRow row = onlyRow(
            new SyntheticJmh().thrpt("ProduceBenchmark.produce", ACKS_ALL, normal(1, 100, 1, ITERATIONS)),
            new SyntheticJmh().thrpt("ProduceBenchmark.produce", ACKS_ALL, normal(2, 80, 1, ITERATIONS)));

        assertThat(row.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(row.ratio()).isCloseTo(0.8, within(0.01));
        assertThat(row.interval()).hasValueSatisfying(interval -> {
            assertThat(interval.contains(row.ratio())).isTrue();
            assertThat(interval.high()).isLessThan(0.82);
            assertThat(interval.low()).isGreaterThan(0.78);
        });
        assertThat(row.pValue()).isLessThan(1e-10);
        assertThat(row.metricName()).isEqualTo(ComparisonRow.PRIMARY);
        assertThat(row.baseline().params()).isEqualTo(row.current().params()).containsEntry("acks", "all");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void twoRunsOfOneNoisyDistributionAreUnchanged(final long seed) {
        final ComparisonRow row = onlyRow(
            new SyntheticJmh().thrpt("AccumulatorBenchmark.append1Thread", NO_PARAMS, normal(seed, 100, 10, 5)),
            new SyntheticJmh().thrpt("AccumulatorBenchmark.append1Thread", NO_PARAMS,
                normal(seed + 1000, 100, 10, 5)));

        assertThat(row.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(row.interval()).hasValueSatisfying(interval -> assertThat(interval.contains(1)).isTrue());
    }

    /** At 99% two-sided, a run without change is called a regression in at most 0.5% of comparisons. */
    @Test
    void falseRegressionRateStaysBelowTheConfidenceLevelsPromise() {
        final int pairs = 2000;
        int regressions = 0;
        for (int seed = 0; seed < pairs; seed++) {
            final ComparisonRow row = onlyRow(
                new SyntheticJmh().thrpt("B.m", NO_PARAMS, normal(seed, 100, 5, 5)),
                new SyntheticJmh().thrpt("B.m", NO_PARAMS, normal(seed + pairs, 100, 5, 5)));
            if (row.verdict() == Verdict.REGRESSION) {
                regressions++;
            }
        }
        assertThat((double) regressions / pairs).isLessThanOrEqualTo(0.005);
    }

    @Test
    void threePercentChangeIsUnchangedEvenWhenSignificant() {
        final SyntheticJmh baseline = new SyntheticJmh().thrpt("B.m", NO_PARAMS, normal(3, 100, 0.1, ITERATIONS));
        final SyntheticJmh current = new SyntheticJmh().thrpt("B.m", NO_PARAMS, normal(4, 97, 0.1, ITERATIONS));

        final ComparisonRow row = onlyRow(baseline, current);
        assertThat(row.statistics().isSignificant()).isTrue();
        assertThat(row.ratio()).isCloseTo(0.97, within(0.001));
        assertThat(row.verdict()).isEqualTo(Verdict.UNCHANGED);

        final ComparisonSettings twoPercent = ComparisonSettings.of(0.99, 2, 0.5);
        assertThat(Comparison.of(baseline.results(), current.results(), twoPercent).rows().get(0).verdict())
            .isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void aBenchmarkWithItsOwnThresholdIsJudgedByItAndTheOthersByTheDefault() {
        final SyntheticJmh baseline = new SyntheticJmh()
            .thrpt("NetworkProduceBenchmark.send", NO_PARAMS, normal(5, 100, 0.5, ITERATIONS))
            .thrpt("ProducerSendBenchmark.send", NO_PARAMS, normal(6, 100, 0.5, ITERATIONS));
        final SyntheticJmh current = new SyntheticJmh()
            .thrpt("NetworkProduceBenchmark.send", NO_PARAMS, normal(7, 85, 0.5, ITERATIONS))
            .thrpt("ProducerSendBenchmark.send", NO_PARAMS, normal(8, 85, 0.5, ITERATIONS));
        final ComparisonSettings settings = DEFAULTS.withBenchmarkThresholds(BenchmarkThresholds.parse(
            "# noisy\nNetworkProduceBenchmark\\. 25\nNetwork 1\n", "nightly.thresholds"));

        final List<ComparisonRow> rows = Comparison.of(baseline.results(), current.results(), settings).rows();

        assertThat(rows).extracting(row -> row.baseline().shortName(), ComparisonRow::thresholdPercent,
                ComparisonRow::verdict)
            .containsExactly(tuple("NetworkProduceBenchmark.send", 25.0, Verdict.UNCHANGED),
                tuple("ProducerSendBenchmark.send", 5.0, Verdict.REGRESSION));
        assertThat(rows.get(0).statistics().isSignificant()).isTrue();
    }

    @Test
    void largeButInsignificantChangeIsUnchanged() {
        final ComparisonRow row = onlyRow(
            new SyntheticJmh().thrpt("B.m", NO_PARAMS, new double[] {100, 60, 140}),
            new SyntheticJmh().thrpt("B.m", NO_PARAMS, new double[] {80, 40, 120}));

        assertThat(row.ratio()).isCloseTo(0.8, within(1e-12));
        assertThat(row.statistics().isSignificant()).isFalse();
        assertThat(row.verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void throughputDownIsWorseAndUpIsBetter() {
        assertThat(verdict("thrpt", "ops/s", 100, 80)).isEqualTo(Verdict.REGRESSION);
        assertThat(verdict("thrpt", "ops/s", 100, 120)).isEqualTo(Verdict.IMPROVEMENT);
    }

    @Test
    void averageTimeUpIsWorseAndDownIsBetter() {
        assertThat(verdict("avgt", "us/op", 100, 120)).isEqualTo(Verdict.REGRESSION);
        assertThat(verdict("avgt", "us/op", 100, 80)).isEqualTo(Verdict.IMPROVEMENT);
    }

    @Test
    void sampleTimeUpIsWorseAndDownIsBetter() {
        assertThat(verdict("sample", "us/op", 100, 120)).isEqualTo(Verdict.REGRESSION);
        assertThat(verdict("sample", "us/op", 100, 80)).isEqualTo(Verdict.IMPROVEMENT);
    }

    @Test
    void singleShotTimeUpIsWorse() {
        assertThat(verdict("ss", "s/op", 100, 120)).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void singleIterationGivesNoIntervalAndNeverFails() {
        final ComparisonRow row = onlyRow(
            new SyntheticJmh().thrpt("B.m", NO_PARAMS, new double[] {100}),
            new SyntheticJmh().thrpt("B.m", NO_PARAMS, new double[] {50}));

        assertThat(row.verdict()).isEqualTo(Verdict.NO_INTERVAL);
        assertThat(row.ratio()).isEqualTo(0.5);
        assertThat(row.interval()).isEmpty();
        assertThat(row.pValue()).isNaN();
        assertThat(row.baselineMetric().scoreError()).isNaN();
    }

    @Test
    void allocationGrowingFromZeroBeyondTheToleranceIsARegression() {
        assertThat(allocationVerdict(constant(0, 5), constant(0.6, 5))).isEqualTo(Verdict.REGRESSION);
        assertThat(allocationVerdict(constant(0, 5), constant(40, 5))).isEqualTo(Verdict.REGRESSION);

        final ComparisonRow noisy = allocationRow(new double[] {0.1, 0.2, 0.3}, new double[] {0, 0, 9});
        assertThat(noisy.statistics().isSignificant()).isFalse();
        assertThat(noisy.verdict()).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void allocationBelowOneByteWithinTheToleranceIsUnchangedEvenWhenSignificant() {
        final ComparisonRow row = allocationRow(constant(0.28, 5), constant(0.51, 5));

        assertThat(row.statistics().isSignificant()).isTrue();
        assertThat(row.verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(allocationVerdict(constant(0, 5), constant(0.4, 5))).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void allocationFallingToZeroIsAnImprovement() {
        assertThat(allocationVerdict(constant(0.9, 5), constant(0, 5))).isEqualTo(Verdict.IMPROVEMENT);
    }

    @Test
    void allocationAboveOneByteFollowsTheSignificanceAndThresholdRule() {
        assertThat(allocationVerdict(normal(6, 100, 0.5, 5), normal(7, 120, 0.5, 5))).isEqualTo(Verdict.REGRESSION);
        assertThat(allocationVerdict(normal(6, 100, 0.5, 5), normal(7, 103, 0.5, 5))).isEqualTo(Verdict.UNCHANGED);
        assertThat(allocationVerdict(normal(6, 100, 0.5, 5), normal(7, 80, 0.5, 5))).isEqualTo(Verdict.IMPROVEMENT);
        assertThat(allocationVerdict(normal(6, 100, 30, 5), normal(7, 120, 30, 5))).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void allocationIsComparedOnlyWhenBothSidesHaveIt() {
        final Comparison comparison = Comparison.of(
            new SyntheticJmh().add("B.m", "thrpt", "ops/s", NO_PARAMS, constant(1, 3), constant(0, 3)).results(),
            new SyntheticJmh().add("B.m", "thrpt", "ops/s", NO_PARAMS, constant(1, 3), null).results(),
            DEFAULTS);

        assertThat(comparison.rows()).hasSize(1);
        assertThat(comparison.allocationRows()).isEmpty();
    }

    @Test
    void allocationRegressionAloneMakesTheComparisonRegressed() {
        final Comparison comparison = Comparison.of(
            new SyntheticJmh().add("B.m", "thrpt", "ops/s", NO_PARAMS, constant(100, 3), constant(0, 3)).results(),
            new SyntheticJmh().add("B.m", "thrpt", "ops/s", NO_PARAMS, constant(100, 3), constant(24, 3)).results(),
            DEFAULTS);

        assertThat(comparison.rows().get(0).verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(comparison.allocationRows().get(0).metricName()).isEqualTo("gc.alloc.rate.norm");
        assertThat(comparison.regressions()).containsExactly(comparison.allocationRows().get(0));
        assertThat(comparison.hasRegression()).isTrue();
    }

    @Test
    void newAndVanishedBenchmarksAreListedAndDoNotFail() {
        final Comparison comparison = Comparison.of(
            new SyntheticJmh()
                .thrpt("Gone.m", NO_PARAMS, normal(1, 100, 1, 5))
                .thrpt("Kept.m", Map.of("keySize", "16"), normal(2, 100, 1, 5))
                .thrpt("Kept.m", Map.of("keySize", "64"), normal(3, 100, 1, 5)).results(),
            new SyntheticJmh()
                .thrpt("Kept.m", Map.of("keySize", "64"), normal(4, 100, 1, 5))
                .thrpt("Kept.m", Map.of("keySize", "256"), normal(5, 100, 1, 5))
                .add("Kept.m", "avgt", "us/op", Map.of("keySize", "64"), normal(6, 1, 0.01, 5), null).results(),
            DEFAULTS);

        assertThat(comparison.rows()).extracting(row -> row.baseline().params().get("keySize")).containsExactly("64");
        assertThat(comparison.vanishedBenchmarks()).extracting(BenchmarkResult::key).containsExactly(
            "io.ackbench.jmh.Gone.m thrpt", "io.ackbench.jmh.Kept.m thrpt {keySize=16}");
        assertThat(comparison.newBenchmarks()).extracting(BenchmarkResult::key).containsExactly(
            "io.ackbench.jmh.Kept.m thrpt {keySize=256}", "io.ackbench.jmh.Kept.m avgt {keySize=64}");
        assertThat(comparison.hasRegression()).isFalse();
    }

    @Test
    void twoResultsWithOneKeyAreRejected() {
        final List<BenchmarkResult> twice = new SyntheticJmh()
            .thrpt("B.m", ACKS_ALL, constant(1, 2)).thrpt("B.m", ACKS_ALL, constant(2, 2)).results();

        assertThatThrownBy(() -> Comparison.of(twice, List.of(), DEFAULTS))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("baseline has two results for io.ackbench.jmh.B.m thrpt {acks=all, keyed=true}");
    }

    @Test
    void differentUnitsAreRejectedNamingBoth() {
        assertThatThrownBy(() -> Comparison.of(
            new SyntheticJmh().add("B.m", "thrpt", "ops/us", NO_PARAMS, constant(1, 2), null).results(),
            new SyntheticJmh().add("B.m", "thrpt", "ops/ms", NO_PARAMS, constant(1000, 2), null).results(),
            DEFAULTS))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("io.ackbench.jmh.B.m thrpt primary: baseline is in ops/us but current in ops/ms;"
                + " run both with the same time unit (-tu)");
    }

    private static Verdict verdict(final String mode, final String unit, final double baseline, final double current) {
        return onlyRow(
            new SyntheticJmh().add("B.m", mode, unit, NO_PARAMS, normal(11, baseline, 1, ITERATIONS), null),
            new SyntheticJmh().add("B.m", mode, unit, NO_PARAMS, normal(12, current, 1, ITERATIONS), null))
            .verdict();
    }

    private static Verdict allocationVerdict(final double[] baseline, final double[] current) {
        return allocationRow(baseline, current).verdict();
    }

    private static ComparisonRow allocationRow(final double[] baseline, final double[] current) {
        final Comparison comparison = Comparison.of(
            new SyntheticJmh().add("B.m", "thrpt", "ops/s", NO_PARAMS, constant(100, baseline.length), baseline)
                .results(),
            new SyntheticJmh().add("B.m", "thrpt", "ops/s", NO_PARAMS, constant(100, current.length), current)
                .results(),
            DEFAULTS);
        assertThat(comparison.allocationRows()).hasSize(1);
        return comparison.allocationRows().get(0);
    }

    private static ComparisonRow onlyRow(final SyntheticJmh baseline, final SyntheticJmh current) {
        final Comparison comparison = Comparison.of(baseline.results(), current.results(), DEFAULTS);
        assertThat(comparison.rows()).hasSize(1);
        return comparison.rows().get(0);
    }
}
