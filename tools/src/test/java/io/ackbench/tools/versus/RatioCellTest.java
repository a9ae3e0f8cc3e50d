package io.ackbench.tools.versus;

import io.ackbench.tools.compare.RatioOfMeans;
import org.junit.jupiter.api.Test;

import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.ackbench.tools.versus.SyntheticRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

class RatioCellTest {
    private static final Path DIR = Path.of("x");

    @Test
    void atTheMaxRateThroughputHasARatioWithFiellersIntervalAndLatencyIsQueueing() {
        final Versus versus = SyntheticRuns.unbounded(DIR);

        final RatioCell throughput = RatioCell.of(versus, "kafka", Figure.RECORDS_PER_SECOND);

        // 515k / 260k = 1.98; Fieller 95% with Welch's 3.48 degrees of freedom: [1.826, 2.152].
        assertThat(throughput.kind()).isEqualTo(RatioCell.Kind.RATIO);
        assertThat(throughput.text()).isEqualTo("2.0× [1.8, 2.2]");
        assertThat(throughput.ratio().ratio()).isEqualTo(515_000.0 / 260_000);
        assertThat(throughput.ratio().interval().orElseThrow().low()).isBetween(1.8261, 1.8262);
        assertThat(throughput.ratio().interval().orElseThrow().high()).isBetween(2.1524, 2.1525);
        final RatioCell p99 = RatioCell.of(versus, "kafka", Figure.P99);
        assertThat(p99.kind()).isEqualTo(RatioCell.Kind.NOT_MEANINGFUL);
        assertThat(p99.text()).isEqualTo("queueing: n/a");
    }

    @Test
    void atASetRateLatencyHasARatioOnlyWhereBothKeptTheRateAndThroughputHasNone() {
        final List<RunFigures> kept = List.of(
            run(1, "ackbench", true, true, 0, 20_000, 1.91, 300, 700, 900, 2_000),
            run(2, "kafka", true, true, 0, 20_000, 1.91, 2_000, 9_000, 30_000, 90_000),
            run(3, "kafka", true, true, 0, 20_000, 1.91, 2_100, 9_500, 31_000, 95_000),
            run(4, "ackbench", true, true, 0, 20_000, 1.91, 310, 720, 950, 2_500));
        final Versus both = SyntheticRuns.versus(SyntheticRuns.AT_RATE, SyntheticRuns.AT_20000,
            List.of("ackbench", "kafka"), DIR, kept);

        assertThat(RatioCell.of(both, "kafka", Figure.RECORDS_PER_SECOND).text()).isEqualTo("n/a (set rate)");
        final RatioCell p99 = RatioCell.of(both, "kafka", Figure.P99);
        assertThat(p99.kind()).isEqualTo(RatioCell.Kind.RATIO);
        assertThat(p99.ratio().ratio()).isEqualTo(710.0 / 9_250);
        assertThat(p99.text()).startsWith("0.077× [");

        final List<RunFigures> kafkaMissed = List.of(kept.get(0),
            run(2, "kafka", true, false, 0, 18_900, 1.80, 2_000, 9_000, 30_000, 90_000), kept.get(2), kept.get(3));
        final RatioCell missed = RatioCell.of(SyntheticRuns.versus(SyntheticRuns.AT_RATE, SyntheticRuns.AT_20000,
            List.of("ackbench", "kafka"), DIR, kafkaMissed), "kafka", Figure.P99);
        assertThat(missed.kind()).isEqualTo(RatioCell.Kind.MISSED_RATE);
        assertThat(missed.text()).isEqualTo("kafka missed the rate");

        // Sent late (send delay p99 above the bound) but 95% acknowledged: the lateness is in its latencies.
        final List<RunFigures> kafkaLate = List.of(kept.get(0),
            run(2, "kafka", true, false, 0, 19_000, 1.81, 2_000, 9_000, 30_000, 90_000), kept.get(2), kept.get(3));
        final RatioCell late = RatioCell.of(SyntheticRuns.versus(SyntheticRuns.AT_RATE, SyntheticRuns.AT_20000,
            List.of("ackbench", "kafka"), DIR, kafkaLate), "kafka", Figure.P99);
        assertThat(late.kind()).isEqualTo(RatioCell.Kind.RATIO);
        assertThat(late.ratio().ratio()).isEqualTo(710.0 / 9_250);
    }

    @Test
    void atAShareOfEachSystemsMaxEachSystemIsHeldToItsOwnRate() {
        final Configuration half = Configuration.atShareOfMax("acks=all @ half max", List.of(), "acks=all @ max",
            0.5);
        final List<RunFigures> runs = List.of(
            run(1, "ackbench", true, false, 0, 500_000, 47.68, 30_000, 150_000, 190_000, 220_000),
            run(2, "kafka", true, false, 0, 180_000, 17.17, 1_000, 20_000, 30_000, 50_000),
            run(3, "kafka", true, false, 0, 200_000, 19.07, 1_100, 21_000, 31_000, 55_000),
            run(4, "ackbench", true, false, 0, 480_000, 45.78, 31_000, 160_000, 200_000, 230_000));
        final Versus versus = new Versus(half, SyntheticRuns.AT_20000, List.of("ackbench", "kafka"), DIR, runs,
            Map.of("ackbench", 500_000L, "kafka", 200_000L), Map.of(), Measured.NOT_RECORDED);

        assertThat(versus.targetRate("ackbench")).isEqualTo(500_000);
        assertThat(versus.targetRate("kafka")).isEqualTo(200_000);
        assertThat(versus.deliveredRate("ackbench")).isTrue();
        assertThat(versus.deliveredRate("kafka")).isFalse();
        assertThat(RatioCell.of(versus, "kafka", Figure.P50).text()).isEqualTo("kafka missed the rate");
    }

    @Test
    void aSystemWithoutACompletedRunHasNoRatioAndOneRunASideHasNoInterval() {
        final Versus crashed = SyntheticRuns.versus(SyntheticRuns.AT_MAX, SyntheticRuns.UNBOUNDED,
            List.of("ackbench", "kafka"), DIR, List.of(
                run(1, "ackbench", false, true, 0, 500_000, 47.68, 800, 2_000, 3_000, 10_000),
                RunFigures.crashed(2, "kafka", "run-2-kafka", "java.io.IOException: no broker")));
        assertThat(RatioCell.of(crashed, "kafka", Figure.RECORDS_PER_SECOND).text()).isEqualTo("—");

        final Versus single = SyntheticRuns.versus(SyntheticRuns.AT_MAX, SyntheticRuns.UNBOUNDED,
            List.of("ackbench", "kafka"), DIR, List.of(
                run(1, "ackbench", false, true, 0, 500_000, 47.68, 800, 2_000, 3_000, 10_000),
                run(2, "kafka", false, true, 0, 250_000, 23.84, 4_000, 9_000, 15_000, 40_000)));
        assertThat(RatioCell.of(single, "kafka", Figure.RECORDS_PER_SECOND).text()).isEqualTo("2.0× (no interval)");
    }

    @Test
    void twoSignificantDigitsWithBoundsRoundedOutwards() {
        assertThat(RatioCell.significant(4.649, RoundingMode.HALF_UP)).isEqualTo("4.6");
        assertThat(RatioCell.significant(1.0, RoundingMode.HALF_UP)).isEqualTo("1.0");
        assertThat(RatioCell.significant(0.0768, RoundingMode.HALF_UP)).isEqualTo("0.077");
        assertThat(RatioCell.significant(12.3, RoundingMode.HALF_UP)).isEqualTo("12");
        assertThat(RatioCell.significant(4.21, RoundingMode.CEILING)).isEqualTo("4.3");
        assertThat(RatioCell.significant(4.29, RoundingMode.FLOOR)).isEqualTo("4.2");
        assertThat(RatioCell.significant(Double.NaN, RoundingMode.HALF_UP)).isEqualTo("—");
        final RatioOfMeans unbounded = RatioOfMeans.of(new double[] {1, 100}, new double[] {50, 51}, 0.95);
        assertThat(RatioCell.format(unbounded)).endsWith("× [unbounded]");
    }

    @Test
    void anIntervalReachingBelowZeroStartsAtZero() {
        // ackbench's p50 over kafka's at acks=1 @ half max in a matrix of 7 December: ackbench's runs far apart.
        final RatioOfMeans wide = RatioOfMeans.of(new double[] {2_650, 1_840, 2_240},
            new double[] {1_400, 10_800, 21_800}, 0.95);
        assertThat(wide.interval().orElseThrow().isBounded()).isTrue();
        assertThat(wide.interval().orElseThrow().low()).isNegative();

        assertThat(RatioCell.format(wide)).startsWith("5.").contains("× [0.0, ");
    }
}
