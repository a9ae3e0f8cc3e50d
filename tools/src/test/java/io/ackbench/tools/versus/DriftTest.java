package io.ackbench.tools.versus;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.ackbench.tools.versus.SyntheticRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class DriftTest {
    private static final Path DIR = Path.of("x");

    @Test
    void runsThatScatterWithoutATrendAreNotFlagged() {
        final Map<String, Drift.Trend> trends = Drift.of(SyntheticRuns.unbounded(DIR));

        // ackbench 500k (run 1), 530k (run 4), 515k (run 5); kafka 250k (2), 270k (3), 260k (6).
        final Drift.Trend ackbench = trends.get("ackbench");
        assertThat(ackbench.runs()).isEqualTo(3);
        assertThat(ackbench.firstToLast()).isCloseTo(0.03, offset(1e-12));
        // The least-squares slope of ln(records/s) on the run number, as a change per run: +1.02%; |t| = 0.71 with
        // 2 degrees of freedom, against 4.30.
        assertThat(ackbench.slopePerRun()).isCloseTo(0.010218, offset(1e-6));
        assertThat(ackbench.testable()).isTrue();
        assertThat(ackbench.significant()).isFalse();
        assertThat(trends.get("kafka").firstToLast()).isCloseTo(0.04, offset(1e-12));
        assertThat(Drift.flagged(SyntheticRuns.unbounded(DIR))).isEmpty();
    }

    @Test
    void aSystemThatSlowsRunAfterRunIsFlagged() {
        final Versus versus = SyntheticRuns.versus(SyntheticRuns.AT_MAX, SyntheticRuns.UNBOUNDED,
            List.of("ackbench", "kafka"), DIR, List.of(
                run(1, "ackbench", false, true, 0, 1_000_000, 95, 800, 2_000, 3_000, 10_000),
                run(2, "kafka", false, true, 0, 250_000, 24, 4_000, 9_000, 15_000, 40_000),
                run(3, "kafka", false, true, 0, 252_000, 24, 4_000, 9_000, 15_000, 40_000),
                run(4, "ackbench", false, true, 0, 800_000, 76, 800, 2_000, 3_000, 10_000),
                run(5, "ackbench", false, true, 0, 700_000, 67, 800, 2_000, 3_000, 10_000),
                run(6, "kafka", false, true, 0, 251_000, 24, 4_000, 9_000, 15_000, 40_000)));

        final Drift.Trend ackbench = Drift.of(versus).get("ackbench");

        assertThat(ackbench.firstToLast()).isCloseTo(-0.3, offset(1e-12));
        // -8.2% per run, |t| = 10.1 against 4.30.
        assertThat(ackbench.slopePerRun()).isCloseTo(-0.082182, offset(1e-6));
        assertThat(ackbench.significant()).isTrue();
        assertThat(Drift.flagged(versus)).containsExactly("ackbench");
        assertThat(VersusTable.drift(List.of(versus))).contains(
            "| acks=all @ max | ackbench | records/s | 3 | -30% | -8.2% | YES |",
            "| acks=all @ max | kafka | records/s | 3 | +0.4% | +0.0% | no |");
    }

    @Test
    void twoRunsASystemLeaveNoScatterToTestWith() {
        final Versus versus = SyntheticRuns.versus(SyntheticRuns.AT_RATE, SyntheticRuns.AT_20000,
            List.of("ackbench", "kafka"), DIR, List.of(
                run(1, "ackbench", true, true, 0, 20_000, 1.91, 300, 700, 900, 2_000),
                run(2, "kafka", true, true, 0, 20_000, 1.91, 2_000, 9_000, 30_000, 90_000),
                run(3, "kafka", true, true, 0, 20_000, 1.91, 2_000, 9_900, 30_000, 90_000),
                run(4, "ackbench", true, true, 0, 20_000, 1.91, 300, 770, 900, 2_000)));

        final Drift.Trend ackbench = Drift.of(versus).get("ackbench");

        assertThat(Drift.figure(versus)).isEqualTo(Figure.P99);
        assertThat(ackbench.firstToLast()).isCloseTo(0.1, offset(1e-12));
        assertThat(ackbench.testable()).isFalse();
        assertThat(ackbench.significant()).isFalse();
        assertThat(VersusTable.drift(List.of(versus))).contains(
            "| acks=all @ 20000/s | ackbench | p99 µs | 2 | +10% | +3.2% | untested (too few runs) |");
    }
}
