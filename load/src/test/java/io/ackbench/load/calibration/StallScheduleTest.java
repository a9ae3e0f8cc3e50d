package io.ackbench.load.calibration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a record falls due in a stall, it completes at the stall's end; times given by hand. */
class StallScheduleTest {
    @Test
    void aRecordDueInAStallCompletesAtItsEndAndOthersWhenDue() {
        final StallSchedule stalls = new StallSchedule(200, 1_000);
        stalls.anchor(5_000);
        stalls.anchor(7_777); // the first record's intended time stays the epoch

        assertThat(stalls.releaseNanos(5_000)).isEqualTo(5_200);
        assertThat(stalls.releaseNanos(5_199)).isEqualTo(5_200);
        assertThat(stalls.releaseNanos(5_200)).isEqualTo(5_200);
        assertThat(stalls.releaseNanos(5_999)).isEqualTo(5_999);
        assertThat(stalls.releaseNanos(6_000)).isEqualTo(6_200);
        assertThat(stalls.releaseNanos(9_150)).isEqualTo(9_200);
        // Before the epoch too: the stalls repeat backwards.
        assertThat(stalls.releaseNanos(4_100)).isEqualTo(4_200);
        assertThat(stalls.releaseNanos(4_500)).isEqualTo(4_500);
    }

    @Test
    void withoutStallsEveryRecordCompletesWhenDue() {
        final StallSchedule none = new StallSchedule(0, 1_000);
        none.anchor(0);
        assertThat(none.releaseNanos(0)).isZero();
        assertThat(none.releaseNanos(123)).isEqualTo(123);
    }

    @Test
    void theEpochMayBeAnyNanoTimeNegativeOrNearTheWrap() {
        final StallSchedule stalls = new StallSchedule(200, 1_000);
        stalls.anchor(Long.MAX_VALUE - 100);
        assertThat(stalls.releaseNanos(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE + 100);
        assertThat(stalls.releaseNanos(Long.MAX_VALUE + 500)).isEqualTo(Long.MAX_VALUE + 500);
    }
}
