package io.ackbench.load.calibration;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The closed form, checked against values worked out by hand. */
class StallModelTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** T = 1 ms, S = 200 ms, P = 1 s: 80% of records take T, the rest T plus a wait uniform on (0, 200 ms]. */
    private final StallModel model = new StallModel(MS, 200 * MS, 1_000 * MS);

    @Test
    void percentilesOfAStallOfOneFifthOfEachPeriod() {
        assertThat(model.stalledFraction()).isEqualTo(0.2);
        assertThat(model.latencyNanosAt(0)).isEqualTo(1_000_000L);
        assertThat(model.latencyNanosAt(50)).isEqualTo(1_000_000L);
        assertThat(model.latencyNanosAt(80)).isEqualTo(1_000_000L);
        // 1 ms + 1 s x (q - 0.8)
        assertThat(model.latencyNanosAt(90)).isEqualTo(101_000_000L);
        assertThat(model.latencyNanosAt(95)).isEqualTo(151_000_000L);
        assertThat(model.latencyNanosAt(99)).isEqualTo(191_000_000L);
        assertThat(model.latencyNanosAt(99.9)).isEqualTo(200_000_000L);
        assertThat(model.latencyNanosAt(100)).isEqualTo(201_000_000L);
    }

    @Test
    void theDistributionFunctionIsThePercentilesInverse() {
        assertThat(model.fractionAtOrBelow(MS - 1)).isZero();
        assertThat(model.fractionAtOrBelow(MS)).isEqualTo(0.8);
        assertThat(model.fractionAtOrBelow(101 * MS)).isEqualTo(0.9, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(model.fractionAtOrBelow(201 * MS)).isEqualTo(1.0);
        for (final double percentile : new double[] {85, 90, 95, 99, 99.9}) {
            assertThat(model.fractionAtOrBelow(model.latencyNanosAt(percentile)) * 100)
                .isEqualTo(percentile, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void withoutStallsEveryPercentileIsTheServiceTime() {
        final StallModel constant = new StallModel(5 * MS, 0, 1_000 * MS);
        assertThat(constant.latencyNanosAt(50)).isEqualTo(5_000_000L);
        assertThat(constant.latencyNanosAt(99.99)).isEqualTo(5_000_000L);
        assertThat(constant.latencyNanosAt(100)).isEqualTo(5_000_000L);
    }

    @Test
    void aStallAsLongAsItsPeriodOrAPercentileOutOfRangeIsRefused() {
        assertThatThrownBy(() -> new StallModel(MS, 1_000 * MS, 1_000 * MS))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("need service >= 0 and 0 <= stall < period, was service 1000000 ns, stall 1000000000 ns, "
                + "period 1000000000 ns");
        assertThatThrownBy(() -> model.latencyNanosAt(100.5))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("percentile must be from 0 to 100, was 100.5");
    }
}
