package io.ackbench.producer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InjectedSlowdownTest {
    @Test
    void isOffUnlessThePropertyIsSet() {
        assertThat(System.getProperty(InjectedSlowdown.PROPERTY)).isNull();
        assertThat(InjectedSlowdown.percent()).isZero();
        assertThat(InjectedSlowdown.start()).isZero();
    }

    @Test
    void atZeroASendWaitsForNothing() {
        // A start time a day ago: were the switch on, this would be a timed send of a day's work.
        InjectedSlowdown.afterSend(System.nanoTime() - 86_400_000_000_000L);

        assertThat(InjectedSlowdown.periodWaitNanos(86_400_000_000_000.0, 0, 0)).isZero();
    }

    @Test
    void aTimedSendWaitsItsPeriodsShareLessItsOwnClockReads() {
        // 64 sends of 100 ns, 10% each: 640 ns.
        assertThat(InjectedSlowdown.periodWaitNanos(100, 10, 0)).isEqualTo(640);
        assertThat(InjectedSlowdown.periodWaitNanos(2_000, 250, 0)).isEqualTo(320_000);
        // Its three clock reads of 25 ns are 75 of those 640 ns.
        assertThat(InjectedSlowdown.periodWaitNanos(100, 10, 25)).isEqualTo(565);
        assertThat(InjectedSlowdown.periodWaitNanos(100.5, 10, 25.5)).isEqualTo(567);
    }

    @Test
    void waitsNotAtAllWhenTheClockReadsAreTheWholeWait() {
        assertThat(InjectedSlowdown.periodWaitNanos(0, 10, 0)).isZero();
        assertThat(InjectedSlowdown.periodWaitNanos(10, 10, 25)).isZero();
    }

    @Test
    void theRunningMeansTakeTheFirstSampleWholeThenA256thOfEachCappedAtFourTimesTheMean() {
        assertThat(InjectedSlowdown.mean(0, 100)).isEqualTo(100.0);
        assertThat(InjectedSlowdown.mean(100, 356)).isEqualTo(101.0);
        assertThat(InjectedSlowdown.mean(100, 100)).isEqualTo(100.0);
        assertThat(InjectedSlowdown.mean(100, 0)).isEqualTo(100.0 - 100.0 / 256);
        // A send descheduled for 10 ms counts as 400 ns.
        assertThat(InjectedSlowdown.mean(100, 10_000_000)).isEqualTo(100.0 + 300.0 / 256);
    }

    @Test
    void timesNoSendWhenOff() {
        for (int i = 0; i < 2 * InjectedSlowdown.SAMPLE_PERIOD; i++) {
            assertThat(InjectedSlowdown.start()).isZero();
        }
    }

    @Test
    void spinsUntilItsDeadline() {
        final long deadline = System.nanoTime() + 1_000_000;
        InjectedSlowdown.spinUntil(deadline);

        assertThat(System.nanoTime()).isGreaterThanOrEqualTo(deadline);
    }

    @Test
    void readsAWholePercentage() {
        assertThat(InjectedSlowdown.parse(null)).isZero();
        assertThat(InjectedSlowdown.parse("")).isZero();
        assertThat(InjectedSlowdown.parse(" 10 ")).isEqualTo(10);
        assertThat(InjectedSlowdown.parse("1000")).isEqualTo(1000);
    }

    @Test
    void refusesBadValuesNamingThePropertyAndTheValue() {
        for (final String bad : new String[] {"ten", "10%", "2.5", "-1", "1001"}) {
            assertThatThrownBy(() -> InjectedSlowdown.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dackbench.inject.slowdownPercent must be a whole percentage from 0 to 1000, was '"
                    + bad + "'");
        }
    }
}
