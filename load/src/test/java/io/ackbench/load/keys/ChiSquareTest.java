package io.ackbench.load.keys;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChiSquareTest {
    @Test
    void computesPearsonsStatisticAndTheLoadRatioOfAKnownVector() {
        // Expected 20 per partition: (10-20)^2/20 + 0 + (30-20)^2/20 = 5 + 0 + 5.
        final PartitionLoad load = new PartitionLoad(new long[]{10, 20, 30});

        assertThat(load.chiSquare()).isEqualTo(10.0);
        assertThat(load.degreesOfFreedom()).isEqualTo(2);
        assertThat(load.maxMinRatio()).isEqualTo(3.0);
        assertThat(load.min()).isEqualTo(10);
        assertThat(load.max()).isEqualTo(30);
        assertThat(load.total()).isEqualTo(60);
        // Two degrees of freedom: P(X >= x) = exp(-x / 2) exactly.
        assertThat(load.pValue()).isCloseTo(Math.exp(-5.0), within(1e-15));
    }

    @Test
    void reportsAnInfiniteRatioWhenAPartitionIsEmpty() {
        // Expected 5 per partition: 25/5 + 25/5 + 0 + 0.
        final PartitionLoad load = new PartitionLoad(new long[]{10, 0, 5, 5});

        assertThat(load.chiSquare()).isEqualTo(10.0);
        assertThat(load.maxMinRatio()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new PartitionLoad(new long[]{0, 0}).maxMinRatio()).isNaN();
    }

    @Test
    void givesAPerfectSpreadAStatisticOfZeroAndAPValueOfOne() {
        final PartitionLoad load = new PartitionLoad(new long[]{7, 7, 7, 7, 7, 7});

        assertThat(load.chiSquare()).isZero();
        assertThat(load.maxMinRatio()).isEqualTo(1.0);
        assertThat(load.pValue()).isEqualTo(1.0);
    }

    @Test
    void matchesKnownChiSquareQuantiles() {
        // Upper 5% points of the chi-square distribution.
        assertThat(ChiSquareDistribution.upperTail(3.841458820694124, 1)).isCloseTo(0.05, within(1e-12));
        assertThat(ChiSquareDistribution.upperTail(11.070497693516351, 5)).isCloseTo(0.05, within(1e-12));
        assertThat(ChiSquareDistribution.upperTail(19.67513757268249, 11)).isCloseTo(0.05, within(1e-12));
        assertThat(ChiSquareDistribution.upperTail(123.22522145336181, 99)).isCloseTo(0.05, within(1e-11));
        // Small statistic (series branch): P(X >= 1) for 4 degrees of freedom = (1 + 1/2) e^(-1/2).
        assertThat(ChiSquareDistribution.upperTail(1.0, 4)).isCloseTo(1.5 * Math.exp(-0.5), within(1e-14));
    }

    @Test
    void computesLogGammaAtKnownPoints() {
        assertThat(ChiSquareDistribution.logGamma(1.0)).isCloseTo(0.0, within(1e-14));
        assertThat(ChiSquareDistribution.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-14));
        assertThat(ChiSquareDistribution.logGamma(10.0)).isCloseTo(Math.log(362880.0), within(1e-12));
    }
}
