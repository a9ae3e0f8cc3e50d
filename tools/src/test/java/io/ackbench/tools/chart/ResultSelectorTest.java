package io.ackbench.tools.chart;

import io.ackbench.tools.results.BenchmarkResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultSelectorTest {
    private static final String PRODUCE = "io.ackbench.jmh.ProduceBenchmark.send";
    private static final List<BenchmarkResult> RESULTS = List.of(
        BarGroupingTest.result(PRODUCE, Map.of("acks", "all", "keyed", "true"), 1, 0, "ops/s"),
        BarGroupingTest.result(PRODUCE, Map.of("acks", "all", "keyed", "false"), 2, 0, "ops/s"),
        BarGroupingTest.result(PRODUCE, Map.of("acks", "1", "keyed", "true"), 3, 0, "ops/s"));

    @Test
    void aShortNameAndParamsPickOneResult() {
        final BenchmarkResult picked = ResultSelector.parse(List.of("ProduceBenchmark.send", "acks=all", "keyed=false"))
            .single(RESULTS, "current.json");

        assertThat(picked.primary().score()).isEqualTo(2);
    }

    @Test
    void aKeyAsTheComparatorPrintsItCanBePasted() {
        final BenchmarkResult picked = ResultSelector.parse(List.of(RESULTS.get(2).key())).single(RESULTS, "current.json");

        assertThat(picked).isSameAs(RESULTS.get(2));
    }

    @Test
    void severalMatchesAreListed() {
        assertThatThrownBy(() -> ResultSelector.parse(List.of("ProduceBenchmark.send", "acks=all"))
            .single(RESULTS, "current.json"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("2 results in current.json match \"ProduceBenchmark.send acks=all\"; name more params. They are:\n"
                + "  io.ackbench.jmh.ProduceBenchmark.send thrpt {acks=all, keyed=true}\n"
                + "  io.ackbench.jmh.ProduceBenchmark.send thrpt {acks=all, keyed=false}");
        assertThatThrownBy(() -> ResultSelector.parse(List.of("ProduceBenchmark.send", "avgt")).single(RESULTS, "c.json"))
            .hasMessage("no result in c.json matches \"ProduceBenchmark.send avgt\"");
    }

    @Test
    void twoBenchmarkNamesAreAnError() {
        assertThatThrownBy(() -> ResultSelector.parse(List.of("ProduceBenchmark.send", "acks")))
            .hasMessage("two benchmarks in \"ProduceBenchmark.send acks\": ProduceBenchmark.send and acks"
                + " (params are name=value)");
    }
}
