package io.ackbench.tools.nightly;

import io.ackbench.tools.results.BenchmarkResult;
import io.ackbench.tools.results.Metric;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PooledResultsTest {
    private static final String SEND = "io.ackbench.jmh.ProduceBenchmark.send";
    private static final String GC = "gc.alloc.rate.norm";

    @Test
    void runsOfOneBenchmarkPoolTheirIterationsWithTheMeanAsScoreAndJmhsErrorRecomputed() {
        final BenchmarkResult first = result(SEND, "ops/s", new double[] {1, 2, 3}, new double[] {0.1, 0.3, 0.2});
        final BenchmarkResult second = result(SEND, "ops/s", new double[] {4, 5}, new double[] {0.2, 0.2});

        final List<BenchmarkResult> pooled = PooledResults.pool(List.of(List.of(first), List.of(second)));

        assertThat(pooled).hasSize(1);
        final Metric primary = pooled.get(0).primary();
        assertThat(primary.samples()).containsExactly(1, 2, 3, 4, 5);
        assertThat(primary.score()).isEqualTo(3.0);
        // t(0.9995, 4 degrees of freedom) = 8.6103, standard error sqrt(2.5 / 5)
        assertThat(primary.scoreError()).isCloseTo(8.6103 * Math.sqrt(0.5), within(1e-3));
        assertThat(primary.unit()).isEqualTo("ops/s");
        final Metric allocation = pooled.get(0).secondary(GC).orElseThrow();
        assertThat(allocation.samples()).containsExactly(0.1, 0.3, 0.2, 0.2, 0.2);
        assertThat(allocation.score()).isCloseTo(0.2, within(1e-12));
        assertThat(pooled.get(0).key()).isEqualTo(first.key());
    }

    @Test
    void benchmarkInOnlyOneRunKeepsItsOwnResultAndOrderFollowsFirstSight() {
        final BenchmarkResult a = result(SEND, "ops/s", new double[] {1, 2}, new double[] {0, 0});
        final BenchmarkResult b = result("io.ackbench.jmh.NetworkProduceBenchmark.send", "ops/s",
            new double[] {7, 8}, new double[] {0, 0});

        final List<BenchmarkResult> pooled = PooledResults.pool(List.of(List.of(a), List.of(b, a)));

        assertThat(pooled).extracting(BenchmarkResult::benchmark)
            .containsExactly(SEND, "io.ackbench.jmh.NetworkProduceBenchmark.send");
        assertThat(pooled.get(1)).isSameAs(b);
        assertThat(pooled.get(0).primary().samples()).containsExactly(1, 2, 1, 2);
    }

    @Test
    void singleRunIsReturnedAsItIs() {
        final List<BenchmarkResult> run = List.of(result(SEND, "ops/s", new double[] {1}, new double[] {0}));
        assertThat(PooledResults.pool(List.of(run))).isSameAs(run);
    }

    @Test
    void runsThatDisagreeOnTheUnitAreRefused() {
        final BenchmarkResult perSecond = result(SEND, "ops/s", new double[] {1}, new double[] {0});
        final BenchmarkResult perMs = result(SEND, "ops/ms", new double[] {1}, new double[] {0});

        assertThatThrownBy(() -> PooledResults.pool(List.of(List.of(perSecond), List.of(perMs))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(perSecond.key() + ": runs disagree on the unit (ops/s and ops/ms)");
    }

    private static BenchmarkResult result(final String benchmark, final String unit, final double[] samples,
                                          final double[] allocation) {
        return BenchmarkResult.of(benchmark, "thrpt", Map.of("acks", "all"), Metric.of(samples[0], 0, unit, samples),
            Map.of(GC, Metric.of(allocation[0], 0, "B/op", allocation)));
    }
}
