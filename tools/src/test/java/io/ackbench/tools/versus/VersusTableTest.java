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
    void eachFigureIsTheMeanOfTheRunsWithHalfTheirRangeAndTheRatioRowHasOnlyMeaningfulRatios() {
        final String table = VersusTable.summary(List.of(SyntheticRuns.unbounded(DIR)));

        assertThat(table).startsWith(HEADINGS
            // 515000 ± 15000 (2.9%), 49.11 ± 1.43 (2.9%), 810 ± 10 (1.2%), 2050 ± 50 (2.4%), 3050 ± 50 (1.6%),
            // 11000 ± 1000 (9.1%)
            + "| ackbench | 515k ±3% | 49.11 ±3% | 810 ±1% | 2050 ±2% | 3050 ±2% | 11000 ±9% | n/a (max) | 0 |\n"
            + "| kafka | 260k ±4% | 24.80 ±4% | 4100 ±2% | 9200 ±2% | 15500 ±3% | 45000 ±11% | n/a (max) | 0 |\n"
            + "| ackbench/kafka | 2.0× [1.8, 2.2] | 2.0× [");
        assertThat(table).endsWith(" | queueing: n/a | queueing: n/a | queueing: n/a | queueing: n/a |  |  |\n");
    }

    @Test
    void meansAndSpreadsAreExact() {
        final Versus versus = SyntheticRuns.unbounded(DIR);

        final MeanSpread ackbench = versus.summary("ackbench", Figure.RECORDS_PER_SECOND);
        assertThat(ackbench.runs()).isEqualTo(3);
        assertThat(ackbench.mean()).isEqualTo(515_000.0);
        assertThat(ackbench.spread()).isEqualTo(15_000.0 / 515_000);
        assertThat(versus.summary("kafka", Figure.MAX).mean()).isEqualTo(45_000.0);
        assertThat(versus.ratio("kafka", Figure.RECORDS_PER_SECOND).ratio()).isEqualTo(515_000.0 / 260_000);
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
    }

    @Test
    void atASetRateASystemThatFellBehindSaysNoAndTheRatioRowSaysWhoMissedTheRate() {
        final Versus versus = SyntheticRuns.versus(SyntheticRuns.AT_RATE, SyntheticRuns.AT_20000,
            List.of("ackbench", "kafka"), DIR, List.of(
            run(1, "ackbench", true, true, 0, 20_000, 1.91, 300, 700, 900, 2_000),
            run(2, "kafka", true, false, 12, 18_000, 1.72, 2_000, 9_000, 30_000, 90_000),
            RunFigures.crashed(3, "kafka", "run-3-kafka", "java.io.IOException: broker 1 exited with 1"),
            run(4, "ackbench", true, true, 0, 20_000, 1.91, 310, 720, 950, 2_500)));

        assertThat(VersusTable.summary(List.of(versus))).isEqualTo(HEADINGS
            + "| ackbench | 20k ±0.0% | 1.91 ±0.0% | 305 ±2% | 710 ±1% | 925 ±3% | 2250 ±11% | yes, yes | 0 |\n"
            + "| kafka | 18k (1 run) | 1.72 (1 run) | 2000 (1 run) | 9000 (1 run) | 30000 (1 run) | 90000 (1 run) "
            + "| NO, — | 12; run 3 crashed |\n"
            + "| ackbench/kafka | n/a (set rate) | n/a (set rate) | kafka missed the rate | kafka missed the rate "
            + "| kafka missed the rate | kafka missed the rate |  |  |\n");
        assertThat(versus.clean()).isFalse();
    }

    @Test
    void aRunThatDeliveredTheRateButSentLateSaysLateAndKeepsItsRatio() {
        final Versus versus = SyntheticRuns.versus(SyntheticRuns.AT_RATE, SyntheticRuns.AT_20000,
            List.of("ackbench", "kafka"), DIR, List.of(
            run(1, "ackbench", true, true, 0, 20_000, 1.91, 300, 700, 900, 2_000),
            run(2, "kafka", true, false, 0, 19_500, 1.86, 2_000, 9_000, 30_000, 90_000)));

        final List<String> lines = VersusTable.summary(List.of(versus)).lines().toList();

        assertThat(lines.get(3)).endsWith("| late | 0 |");
        assertThat(lines.get(4))
            .startsWith("| ackbench/kafka | n/a (set rate) | n/a (set rate) | 0.15× (no interval) |");
        assertThat(VersusTable.runs(versus).lines().toList().get(3)).contains("| late | 0 | `run-2-kafka` |");
    }

    @Test
    void theHeadlineComparesEachFigureWithTheBetterReference() {
        final Versus max = SyntheticRuns.versus(SyntheticRuns.AT_MAX, SyntheticRuns.UNBOUNDED,
            List.of("ackbench", "kafka", "kafka-tuned"), DIR, List.of(
                run(1, "ackbench", false, true, 0, 500_000, 47.68, 800, 2_000, 3_000, 10_000),
                run(2, "kafka", false, true, 0, 250_000, 23.84, 4_000, 9_000, 15_000, 40_000),
                run(3, "kafka-tuned", false, true, 0, 300_000, 28.61, 4_000, 9_000, 15_000, 40_000),
                run(4, "kafka-tuned", false, true, 0, 310_000, 29.56, 4_000, 9_000, 15_000, 40_000),
                run(5, "kafka", false, true, 0, 260_000, 24.80, 4_000, 9_000, 15_000, 40_000),
                run(6, "ackbench", false, true, 0, 520_000, 49.59, 800, 2_000, 3_000, 10_000)));
        final Versus atRate = SyntheticRuns.versus(SyntheticRuns.AT_RATE, SyntheticRuns.AT_20000,
            List.of("ackbench", "kafka", "kafka-tuned"), DIR, List.of(
                run(1, "ackbench", true, true, 0, 20_000, 1.91, 300, 700, 900, 2_000),
                run(2, "kafka", true, true, 0, 20_000, 1.91, 2_000, 9_000, 30_000, 90_000),
                run(3, "kafka-tuned", true, true, 0, 20_000, 1.91, 1_000, 5_000, 20_000, 60_000),
                run(4, "kafka-tuned", true, false, 0, 18_000, 1.71, 900, 4_000, 19_000, 60_000),
                run(5, "kafka", true, true, 0, 20_000, 1.91, 2_100, 9_500, 31_000, 95_000),
                run(6, "ackbench", true, true, 0, 20_000, 1.91, 310, 720, 950, 2_500)));

        // Max rate: kafka-tuned's 305k beats kafka's 255k. At the rate, kafka-tuned has the lower latency but
        // missed the rate once, so the ratio is against kafka, which kept it.
        assertThat(VersusTable.betterReference(max, Figure.RECORDS_PER_SECOND)).isEqualTo("kafka-tuned");
        assertThat(VersusTable.betterReference(atRate, Figure.P99)).isEqualTo("kafka");
        final List<String> lines = VersusTable.headline(List.of(max, atRate)).lines().toList();
        assertThat(lines.get(0)).isEqualTo("| configuration | records/s ratio | p50 ratio | p99 ratio | p99.9 ratio |");
        assertThat(lines.get(2)).startsWith("| acks=all @ max | 1.7× [")
            .endsWith("] vs kafka-tuned | queueing: n/a | queueing: n/a | queueing: n/a |");
        assertThat(lines.get(3)).startsWith("| acks=all @ 20000/s | n/a (set rate) | 0.15× [")
            .contains("] vs kafka | 0.077× [");
    }

    @Test
    void theRunsTableShowsEachRunUnaveragedWithItsDirectory() {
        final Versus versus = SyntheticRuns.versus(SyntheticRuns.AT_MAX, SyntheticRuns.UNBOUNDED,
            List.of("ackbench", "kafka"), DIR, List.of(
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
        final Versus second = SyntheticRuns.versus(Configuration.of("acks=1 @ max", List.of(), false),
            SyntheticRuns.UNBOUNDED, List.of("ackbench", "kafka"), DIR, first.runs());

        final List<String> lines = VersusTable.summary(List.of(first, second)).lines().toList();

        assertThat(lines).hasSize(2 + 2 * 3);
        assertThat(lines.get(0)).startsWith("| configuration | system | records/s |");
        assertThat(lines.get(2)).startsWith("| acks=all @ max | ackbench | 515k ±3% |");
        assertThat(lines.get(4)).startsWith("| acks=all @ max | ackbench/kafka | 2.0× [1.8, 2.2] |");
        assertThat(lines.get(7)).startsWith("| acks=1 @ max | ackbench/kafka | 2.0× [1.8, 2.2] |");
    }
}
