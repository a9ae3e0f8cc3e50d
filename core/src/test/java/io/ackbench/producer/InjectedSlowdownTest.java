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
        // A start time a day ago: were the switch on, the wait would be a fraction of a day.
        final long dayAgo = System.nanoTime() - 86_400_000_000_000L;
        InjectedSlowdown.afterSend(dayAgo);

        assertThat(InjectedSlowdown.waitNanos(86_400_000_000_000L, 0)).isZero();
    }

    @Test
    void waitsItsPercentageOfTheWork() {
        assertThat(InjectedSlowdown.waitNanos(2_000, 10)).isEqualTo(200);
        assertThat(InjectedSlowdown.waitNanos(2_000, 250)).isEqualTo(5_000);
        assertThat(InjectedSlowdown.waitNanos(0, 10)).isZero();
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
