package io.ackbench.tools.versus;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.ackbench.tools.versus.SyntheticRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

class VersusTableTest {
    private static final Path DIR = Path.of("results", "runs", "vs-kafka", "x");
    private static final String HEADINGS = "| system | records/s | MB/s | p50 µs | p99 µs | p99.9 µs | max µs | rate kept "
        + "| failed |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n";

    @Test
    void eachFigureIsTheMeanOfTwoRunsWithHalfTheirDifferenceAndTheRatioRowDividesTheMeans() {
        assertThat(VersusTable.summary(List.of(SyntheticRuns.unbounded(DIR)))).isEqualTo(HEADINGS
            // 515000 ± 15000 (2.9%), 49.11 ± 1.43 (2.9%), 810 ± 10 (1.2%), 2050 ± 50 (2.4%), 3050 ± 50 (1.6%),
            // 11000 ± 1000 (9.1%)
            + "| ackbench | 515k ±3% | 49.11 ±3% | 810 ±1% | 2050 ±2% | 3050 ±2% | 11000 ±9% | n/a (max) | 0 |\n"
            // 260000 ± 10000 (3.8%), 24.80 ± 0.96 (3.9%), 4100 ± 100 (2.4%), 9200 ± 200 (2.2%), 15500 ± 500
            // (3.2%), 45000 ± 5000 (11.1%)
            + "| kafka | 260k ±4% | 24.80 ±4% | 4100 ±2% | 9200 ±2% | 15500 ±3% | 45000 ±11% | n/a (max) | 0 |\n"
            // 515/260 = 1.981, 49.11/24.80 = 1.980, 810/4100 = 0.1976, 2050/9200 = 0.2228, 3050/15500 = 0.1968,
            // 11000/45000 = 0.2444
            + "| ackbench/kafka | 1.98× | 1.98× | 0.198× | 0.223× | 0.197× | 0.244× |  |  |\n");
    }

    @Test
    void meansSpreadsAndRatiosAreExact() {
        final Versus versus = SyntheticRuns.unbounded(DIR);

        final MeanSpread ackbench = versus.summary("ackbench", Figure.RECORDS_PER_SECOND);
        assertThat(ackbench.runs()).isEqualTo(2);
        assertThat(ackbench.mean()).isEqualTo(515_000.0);
        assertThat(ackbench.spread()).isEqualTo(15_000.0 / 515_000);
        assertThat(versus.summary("kafka", Figure.MAX).mean()).isEqualTo(45_000.0);
        assertThat(versus.summary("kafka", Figure.MAX).spread()).isEqualTo(5_000.0 / 45_000);
        assertThat(versus.ratio(Figure.RECORDS_PER_SECOND)).isEqualTo(515_000.0 / 260_000);
        assertThat(versus.ratio(Figure.P50)).isEqualTo(810.0 / 4_100);
    }

    @Test
    void aSpreadUnderOnePercentKeepsADecimalAndEqualRunsHaveNone() {
        assertThat(VersusTable.meanAndSpread(Figure.RECORDS_PER_SECOND, MeanSpread.of(99_000, 100_000)))
            .isEqualTo("99.5k ±0.5%");
        assertThat(VersusTable.meanAndSpread(Figure.P99, MeanSpread.of(0, 0))).isEqualTo("0 ±0.0%");
        assertThat(VersusTable.meanAndSpread(Figure.P99, MeanSpread.of(1_530))).isEqualTo("1530 (1 run)");
        assertThat(VersusTable.meanAndSpread(Figure.P99, MeanSpread.NONE)).isEqualTo("—");
    }

    @Test
    void recordsPerSecondReadInThreeSignificantDigits() {
        assertThat(VersusTable.compact(1_234_567)).isEqualTo("1.23M");
        assertThat(VersusTable.compact(512_345)).isEqualTo("512k");
        assertThat(VersusTable.compact(20_000)).isEqualTo("20k");
        assertThat(VersusTable.compact(9_876)).isEqualTo("9880");
        assertThat(VersusTable.compact(19_999.6)).isEqualTo("20k");
        assertThat(VersusTable.ratio(12.345)).isEqualTo("12.3×");
        assertThat(VersusTable.ratio(1.0)).isEqualTo("1.00×");
        assertThat(VersusTable.ratio(0.0250)).isEqualTo("0.0250×");
        assertThat(VersusTable.ratio(Double.NaN)).isEqualTo("—");
    }

    @Test
    void aRateLimitedRunThatFellBehindSaysNoAndFailedRecordsAndCrashedRunsAreCounted() {
        final Versus versus = new Versus(new Configuration("acks=all @ 20000/s", List.of()), SyntheticRuns.AT_20000,
            "ackbench", "kafka", DIR, List.of(
            run(1, "ackbench", true, true, 0, 20_000, 1.91, 300, 700, 900, 2_000),
            run(2, "kafka", true, false, 12, 19_000, 1.81, 2_000, 9_000, 30_000, 90_000),
            RunFigures.crashed(3, "kafka", "run-3-kafka", "java.io.IOException: broker 1 exited with 1"),
            run(4, "ackbench", true, true, 0, 20_000, 1.91, 310, 720, 950, 2_500)));

        assertThat(VersusTable.summary(List.of(versus))).isEqualTo(HEADINGS
            + "| ackbench | 20k ±0.0% | 1.91 ±0.0% | 305 ±2% | 710 ±1% | 925 ±3% | 2250 ±11% | yes, yes | 0 |\n"
            + "| kafka | 19k (1 run) | 1.81 (1 run) | 2000 (1 run) | 9000 (1 run) | 30000 (1 run) | 90000 (1 run) "
            + "| NO, — | 12; run 3 crashed |\n"
            + "| ackbench/kafka | 1.05× | 1.06× | 0.153× | 0.0789× | 0.0308× | 0.0250× |  |  |\n");
        assertThat(versus.clean()).isFalse();
    }

    @Test
    void theRunsTableShowsEachRunUnaveragedWithItsDirectory() {
        final Versus versus = new Versus(new Configuration("acks=all @ max", List.of()), SyntheticRuns.UNBOUNDED,
            "ackbench", "kafka", DIR, List.of(
            run(1, "ackbench", false, true, 0, 500_000.25, 47.68, 800, 2_000, 3_000, 10_000),
            RunFigures.crashed(2, "kafka", "run-2-kafka", "java.lang.IllegalStateException: a|b")));

        assertThat(VersusTable.runs(versus)).isEqualTo(
            "| run | system | records/s | MB/s | p50 µs | p99 µs | p99.9 µs | max µs | rate kept | failed | directory |\n"
                + "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |\n"
                + "| 1 | ackbench | 500000.3 | 47.68 | 800 | 2000 | 3000 | 10000 | n/a (max) | 0 | `run-1-ackbench` |\n"
                + "| 2 | kafka | crashed: java.lang.IllegalStateException: a/b |  |  |  |  |  | — |  | `run-2-kafka` |\n");
    }

    @Test
    void theMatrixTableNamesTheConfigurationOnEveryRow() {
        final Versus first = SyntheticRuns.unbounded(DIR);
        final Versus second = new Versus(new Configuration("acks=1 @ max", List.of()), SyntheticRuns.UNBOUNDED,
            "ackbench", "kafka", DIR, first.runs());

        final List<String> lines = VersusTable.summary(List.of(first, second)).lines().toList();

        assertThat(lines).hasSize(2 + 2 * 3);
        assertThat(lines.get(0)).startsWith("| configuration | system | records/s |");
        assertThat(lines.get(2)).startsWith("| acks=all @ max | ackbench | 515k ±3% |");
        assertThat(lines.get(4)).startsWith("| acks=all @ max | ackbench/kafka | 1.98× |");
        assertThat(lines.get(7)).startsWith("| acks=1 @ max | ackbench/kafka | 1.98× |");
    }
}
