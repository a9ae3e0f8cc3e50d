package io.ackbench.tools.chart;

import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.Metric;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BarGroupingTest {
    private static final String PRODUCE = "io.ackbench.jmh.ProduceBenchmark.send";
    private static final String KEY_HASH = "io.ackbench.jmh.PartitionerBenchmark.keyHash";
    private static final ChartLabel LABEL = ChartLabel.of("kvm2c", "55da12f");

    static BenchmarkResult result(final String benchmark, final Map<String, String> params, final double score,
                                  final double error, final String unit) {
        return BenchmarkResult.of(benchmark, "thrpt", params,
            Metric.of(score, error, unit, new double[] {score - 1, score + 1}), Map.of());
    }

    private static Map<String, String> params(final String... pairs) {
        final Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    /** The produce matrix in JMH's order (keyed innermost); score = 1000 × (acks index + 1) + 100 × minInsync + keyed. */
    private static List<BenchmarkResult> produceMatrix() {
        final List<BenchmarkResult> results = new ArrayList<>();
        final String[] acks = {"0", "1", "all", "all-idempotent"};
        for (int a = 0; a < acks.length; a++) {
            for (final String minInsync : List.of("2", "3")) {
                for (final String keyed : List.of("false", "true")) {
                    final double score = 1000 * (a + 1) + 100 * Integer.parseInt(minInsync) + (keyed.equals("true") ? 1 : 0);
                    results.add(result(PRODUCE, params("acks", acks[a], "dir", "target/produce-bench", "keyed", keyed,
                        "minInsync", minInsync, "rate", "0"), score, score / 10, "ops/s"));
                }
            }
        }
        return results;
    }

    @Test
    void produceSuiteHasAcksAlongTheAxisABarPerMinInsyncAndAChartPerKeyed() {
        final List<GroupedBars> charts = BarGrouping.group(produceMatrix(), BarOptions.DEFAULTS, LABEL);

        assertThat(charts).hasSize(2);
        final GroupedBars unkeyed = charts.get(0);
        assertThat(unkeyed.title())
            .isEqualTo("ProduceBenchmark.send: dir=target/produce-bench, keyed=false, rate=0 \u2014 kvm2c @ 55da12f");
        assertThat(unkeyed.fileStem()).isEqualTo("ProduceBenchmark.send-thrpt-keyed=false");
        assertThat(unkeyed.categoryAxisTitle()).isEqualTo("acks");
        assertThat(unkeyed.valueAxisTitle()).isEqualTo("throughput (ops/s)");
        assertThat(unkeyed.categories()).containsExactly("0", "1", "all", "all-idempotent");
        assertThat(unkeyed.series()).extracting(GroupedBars.Series::name).containsExactly("minInsync=2", "minInsync=3");
        assertThat(unkeyed.series().get(0).values()).containsExactly(1200, 2200, 3200, 4200);
        assertThat(unkeyed.series().get(1).values()).containsExactly(1300, 2300, 3300, 4300);
        assertThat(unkeyed.series().get(1).errors()).containsExactly(130, 230, 330, 430);

        final GroupedBars keyed = charts.get(1);
        assertThat(keyed.fileStem()).isEqualTo("ProduceBenchmark.send-thrpt-keyed=true");
        assertThat(keyed.series().get(0).values()).containsExactly(1201, 2201, 3201, 4201);
    }

    @Test
    void partitionerThroughputIsShownAsNanosecondsPerKeyByStrategyAndKeySize() {
        final List<BenchmarkResult> results = new ArrayList<>();
        for (final String strategy : List.of("murmur2", "xxhash")) {
            for (final String keySize : List.of("16", "256")) {
                final double keysPerMicrosecond = strategy.equals("murmur2") ? 125 : 250;
                final double perKey = keySize.equals("16") ? keysPerMicrosecond : keysPerMicrosecond / 10;
                results.add(result(KEY_HASH, params("keySize", keySize, "numPartitions", "12", "strategy", strategy),
                    perKey, perKey / 100, "ops/us"));
            }
        }
        final List<GroupedBars> charts = BarGrouping.group(results, BarOptions.DEFAULTS, ChartLabel.NONE);

        assertThat(charts).hasSize(1);
        final GroupedBars chart = charts.get(0);
        assertThat(chart.title()).isEqualTo("PartitionerBenchmark.keyHash: numPartitions=12");
        assertThat(chart.categoryAxisTitle()).isEqualTo("strategy");
        assertThat(chart.valueAxisTitle()).isEqualTo("time per operation (ns/op)");
        assertThat(chart.categories()).containsExactly("murmur2", "xxhash");
        assertThat(chart.series()).extracting(GroupedBars.Series::name).containsExactly("keySize=16", "keySize=256");
        // 125 keys per µs is 8 ns a key; a 1% error stays 1%.
        assertThat(chart.series().get(0).values()).containsExactly(8, 4);
        assertThat(chart.series().get(0).errors()).containsExactly(0.08, 0.04);
        assertThat(chart.series().get(1).values()).containsExactly(80, 40);
    }

    @Test
    void anotherSuiteHasImplInTheLegendAndItsMostVariedParamAlongTheAxis() {
        final List<BenchmarkResult> results = new ArrayList<>();
        for (final String batchSize : List.of("16384", "65536")) {
            for (final String impl : List.of("ackbench", "kafka")) {
                for (final String partitions : List.of("1", "6", "12")) {
                    results.add(result("io.ackbench.jmh.AccumulatorBenchmark.append1Thread",
                        params("batchSize", batchSize, "impl", impl, "partitions", partitions), 1, 0.1, "ops/us"));
                }
            }
        }
        final List<GroupedBars> charts = BarGrouping.group(results, BarOptions.DEFAULTS, ChartLabel.NONE);

        assertThat(charts).extracting(GroupedBars::fileStem).containsExactly(
            "AccumulatorBenchmark.append1Thread-thrpt-batchSize=16384",
            "AccumulatorBenchmark.append1Thread-thrpt-batchSize=65536");
        assertThat(charts.get(0).categoryAxisTitle()).isEqualTo("partitions");
        assertThat(charts.get(0).categories()).containsExactly("1", "6", "12");
        assertThat(charts.get(0).series()).extracting(GroupedBars.Series::name).containsExactly("impl=ackbench", "impl=kafka");
        assertThat(charts.get(0).valueAxisTitle()).isEqualTo("throughput (ops/\u00b5s)");
    }

    @Test
    void optionsPutTheNamedParamsOnTheAxesAndKeepTheUnit() {
        final BarOptions options = BarOptions.DEFAULTS.groupBy("minInsync").seriesBy("keyed").timePerOperation(false);
        final List<GroupedBars> charts = BarGrouping.group(produceMatrix(), options, ChartLabel.NONE);

        assertThat(charts).extracting(GroupedBars::fileStem).containsExactly(
            "ProduceBenchmark.send-thrpt-acks=0", "ProduceBenchmark.send-thrpt-acks=1",
            "ProduceBenchmark.send-thrpt-acks=all", "ProduceBenchmark.send-thrpt-acks=all-idempotent");
        final GroupedBars acksAll = charts.get(2);
        assertThat(acksAll.categories()).containsExactly("2", "3");
        assertThat(acksAll.series().get(0).name()).isEqualTo("keyed=false");
        assertThat(acksAll.series().get(0).values()).containsExactly(3200, 3300);
        assertThat(acksAll.series().get(1).values()).containsExactly(3201, 3301);
    }

    @Test
    void aMissingCombinationLeavesNoBar() {
        final List<BenchmarkResult> results = new ArrayList<>(produceMatrix());
        results.removeIf(r -> r.params().get("acks").equals("1") && r.params().get("minInsync").equals("3"));
        final GroupedBars unkeyed = BarGrouping.group(results, BarOptions.DEFAULTS, ChartLabel.NONE).get(0);

        assertThat(unkeyed.series().get(1).values()).containsExactly(1300, Double.NaN, 3300, 4300);
    }

    @Test
    void aBenchmarkWithoutParamsIsOneBar() {
        final List<GroupedBars> charts = BarGrouping.group(
            List.of(result("io.ackbench.jmh.Foo.bar", Map.of(), 42, 1, "ops/ms")), BarOptions.DEFAULTS, ChartLabel.NONE);

        assertThat(charts).hasSize(1);
        assertThat(charts.get(0).title()).isEqualTo("Foo.bar");
        assertThat(charts.get(0).categories()).containsExactly("bar");
        assertThat(charts.get(0).series().get(0).name()).isEqualTo(BarGrouping.SINGLE_SERIES);
        assertThat(charts.get(0).series().get(0).values()).containsExactly(42);
    }

    @Test
    void twoResultsForOneBarAreRefused() {
        final List<BenchmarkResult> twice = new ArrayList<>(produceMatrix());
        twice.add(produceMatrix().get(0));

        assertThatThrownBy(() -> BarGrouping.group(twice, BarOptions.DEFAULTS, ChartLabel.NONE))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("two results for one bar: io.ackbench.jmh.ProduceBenchmark.send thrpt {acks=0,");
    }

    @Test
    void aThroughputInOpsPerSecondIsNanosecondsPerOperationInverted() {
        final Measured perOp = new Measured(4e6, 2e5, "ops/s", new double[] {2e6, 4e6}).inNanosPerOperation();

        assertThat(perOp.value()).isEqualTo(250);
        assertThat(perOp.error()).isEqualTo(12.5);
        assertThat(perOp.unit()).isEqualTo("ns/op");
        assertThat(perOp.samples()).containsExactly(500, 250);
        assertThat(new Measured(3, 0.5, "us/op", new double[] {2}).inNanosPerOperation().value()).isEqualTo(3000);
        assertThatThrownBy(() -> new Measured(1, 0, "B/op", new double[0]).inNanosPerOperation())
            .hasMessage("cannot show B/op as time per operation");
    }
}
