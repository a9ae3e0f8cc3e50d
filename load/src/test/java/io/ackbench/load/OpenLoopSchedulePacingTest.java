package io.ackbench.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link OpenLoopSchedule#awaitSendTime(long, LoadThreadWaits)} waits, on a hand-driven clock whose parks wake
 * a set overshoot after the time asked for: it parks only when the next record is in the future, sends overdue
 * records at once with their own intended times, and spins only after a park woke within the margin.
 */
class OpenLoopSchedulePacingTest {
    private static final long MICROS = 1_000;

    /** A clock that only moves when parked (by the time asked for plus an overshoot) or, if set, on each read. */
    private static final class HandClock implements PacingClock {
        private final long overshootNanos;
        private final long advancePerRead;
        private final List<Long> parks = new ArrayList<>();
        private long now;

        HandClock(final long overshootNanos, final long advancePerRead) {
            this.overshootNanos = overshootNanos;
            this.advancePerRead = advancePerRead;
        }

        @Override
        public long nanoTime() {
            final long read = now;
            now += advancePerRead;
            return read;
        }

        @Override
        public void parkNanos(final long nanos) {
            parks.add(nanos);
            now += nanos + overshootNanos;
        }
    }

    @Test
    void atOneHundredThousandPerSecondOneParkCoversTheRecordsDueWhileItOvershot() {
        final HandClock clock = new HandClock(65 * MICROS, 0);
        final OpenLoopSchedule schedule = new OpenLoopSchedule(100_000, 0, 0, clock);
        final LoadThreadWaits waits = new LoadThreadWaits();
        final long[] returned = new long[16];
        final long[] returnedAt = new long[16];

        for (int n = 0; n < returned.length; n++) {
            returned[n] = schedule.awaitSendTime(n, waits);
            returnedAt[n] = clock.now;
        }

        for (int n = 0; n < returned.length; n++) {
            assertThat(returned[n]).as("record %d's own intended time", n).isEqualTo(n * 10 * MICROS);
        }
        // Record 1 parks 10 us and wakes at 75 us; records 2 to 7 (20 to 70 us) are overdue and go at once; record 8
        // (80 us) parks 5 us and wakes at 145 us, and so on.
        assertThat(clock.parks).containsExactly(10 * MICROS, 5 * MICROS, 5 * MICROS);
        assertThat(returnedAt).containsExactly(0, 75_000, 75_000, 75_000, 75_000, 75_000, 75_000, 75_000,
            145_000, 145_000, 145_000, 145_000, 145_000, 145_000, 145_000, 215_000);
        assertThat(waits.parks()).isEqualTo(3);
        assertThat(waits.lateWakes()).as("a 65 us overshoot is no descheduling").isZero();
    }

    @Test
    void aWaitLongerThanTheMarginParksToTheMarginAndSpinsOnlyThroughWhatIsLeft() {
        // The park wakes 30 us after the time asked for, 20 us before the due time; the rest is spun, 1 us a read.
        final HandClock clock = new HandClock(30 * MICROS, MICROS);
        final OpenLoopSchedule schedule = new OpenLoopSchedule(1_000, 0, 50 * MICROS, clock);

        assertThat(schedule.awaitSendTime(0)).isZero();
        assertThat(schedule.awaitSendTime(1)).isEqualTo(1_000 * MICROS);

        // Record 0 read the clock once (at 0); record 1 read it at 1 us and parked 1000 - 50 - 1 us.
        assertThat(clock.parks).containsExactly(949 * MICROS);
        assertThat(clock.now - 1_000 * MICROS).as("returned as soon as the spin reached the due time")
            .isBetween(0L, 2 * MICROS);
    }

    @Test
    void aWaitNoLongerThanTheMarginParksRightUpToTheDueTimeInsteadOfSpinning() {
        final HandClock clock = new HandClock(65 * MICROS, 0);
        final OpenLoopSchedule schedule = new OpenLoopSchedule(20_000, 0, 50 * MICROS, clock);

        schedule.awaitSendTime(0);
        assertThat(schedule.awaitSendTime(1)).isEqualTo(50 * MICROS);

        assertThat(clock.parks).containsExactly(50 * MICROS);
        assertThat(clock.now).isEqualTo(115 * MICROS);
    }

    @Test
    void aLateWakeIsCountedAndTheRecordsItLeftBehindGoAtOnce() {
        // A 1 ms descheduling: records 1 to 100 at 100 000/s, 10 us apart, all due while the thread was away.
        final HandClock clock = new HandClock(1_000 * MICROS, 0);
        final OpenLoopSchedule schedule = new OpenLoopSchedule(100_000, 0, 0, clock);
        final LoadThreadWaits waits = new LoadThreadWaits();

        for (int n = 0; n <= 101; n++) {
            assertThat(schedule.awaitSendTime(n, waits)).isEqualTo(n * 10 * MICROS);
        }

        // Record 1 parked 10 us and woke at 1010 us, 1000 us late; records 2 to 101 were due by then.
        assertThat(clock.parks).containsExactly(10 * MICROS);
        assertThat(waits.parks()).isEqualTo(1);
        assertThat(waits.lateWakes()).isEqualTo(1);
        assertThat(waits.lateWakeNanos()).isEqualTo(1_000 * MICROS);
        assertThat(waits.maxLateWakeNanos()).isEqualTo(1_000 * MICROS);
    }
}
