package io.ackbench.load;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenLoopScheduleTest {
    private static final long SECOND = 1_000_000_000L;
    private static final int TEN_MILLION = 10_000_000;

    @Test
    void recordNIsDueAtStartPlusTheFloorOfItsShareOfASecond() {
        final OpenLoopSchedule schedule = new OpenLoopSchedule(3, 1_000);

        assertThat(schedule.intendedSendNanos(0)).isEqualTo(1_000);
        assertThat(schedule.intendedSendNanos(1)).isEqualTo(1_000 + 333_333_333);
        assertThat(schedule.intendedSendNanos(2)).isEqualTo(1_000 + 666_666_666);
        assertThat(schedule.intendedSendNanos(3)).isEqualTo(1_000 + SECOND);
        assertThat(schedule.intendedSendNanos(4)).isEqualTo(1_000 + SECOND + 333_333_333);
    }

    @Test
    void noDriftOverTenMillionRecordsAtThreeRecordsPerSecond() {
        assertExactOverTenMillionRecords(3, -42);
    }

    @Test
    void noDriftOverTenMillionRecordsAtNineHundredNinetyNineThousandNineHundredNinetyNinePerSecond() {
        assertExactOverTenMillionRecords(999_999, 123_456_789);
    }

    /** Every time equals the exact formula (n * 1e9 fits a long for these n), and whole seconds land exactly. */
    private static void assertExactOverTenMillionRecords(final long rate, final long start) {
        final OpenLoopSchedule schedule = new OpenLoopSchedule(rate, start);
        final long shortGap = SECOND / rate;
        long previous = schedule.intendedSendNanos(0);
        assertThat(previous).isEqualTo(start);
        for (long n = 1; n <= TEN_MILLION; n++) {
            final long intended = schedule.intendedSendNanos(n);
            if (intended != start + n * SECOND / rate) {
                assertThat(intended).as("record %d at %d/s", n, rate).isEqualTo(start + n * SECOND / rate);
            }
            final long gap = intended - previous;
            if (gap != shortGap && gap != shortGap + 1) {
                assertThat(gap).as("gap before record %d", n).isBetween(shortGap, shortGap + 1);
            }
            previous = intended;
        }
        final long lastWholeSecond = TEN_MILLION / rate;
        assertThat(schedule.intendedSendNanos(lastWholeSecond * rate)).isEqualTo(start + lastWholeSecond * SECOND);
        assertThat(schedule.intendedSendNanos(TEN_MILLION)).isEqualTo(start + exactOffset(TEN_MILLION, rate));
    }

    @Test
    void lastRecordsOfTenMillionAreDueAtTheirExactTimes() {
        // 10^16 / 3 and 10^16 / 999 999, worked by hand: no rounding error has built up.
        assertThat(new OpenLoopSchedule(3, 0).intendedSendNanos(TEN_MILLION)).isEqualTo(3_333_333_333_333_333L);
        assertThat(new OpenLoopSchedule(999_999, 0).intendedSendNanos(TEN_MILLION)).isEqualTo(10_000_010_000L);
    }

    @Test
    void indicesWhoseNanosecondProductOverflowsALongStayExact() {
        final long n = 20_000_000_000L; // n * 1e9 = 2e19 > Long.MAX_VALUE
        final OpenLoopSchedule schedule = new OpenLoopSchedule(999_999, 5);
        assertThat(schedule.intendedSendNanos(n)).isEqualTo(5 + exactOffset(n, 999_999));
    }

    @Test
    void anOffsetBeyondALongsNanosecondsIsRefused() {
        final OpenLoopSchedule schedule = new OpenLoopSchedule(1, 0);
        assertThatThrownBy(() -> schedule.intendedSendNanos(Long.MAX_VALUE)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void restartMovesEveryRecordByTheSameAmount() {
        final OpenLoopSchedule schedule = new OpenLoopSchedule(1_000, 0);
        schedule.restartAt(7_000_000);
        assertThat(schedule.startNanos()).isEqualTo(7_000_000);
        assertThat(schedule.intendedSendNanos(0)).isEqualTo(7_000_000);
        assertThat(schedule.intendedSendNanos(5)).isEqualTo(12_000_000);
    }

    @Test
    void senderWaitsUntilEachRecordIsDueAndStampsItsIntendedTime() {
        final OpenLoopSchedule schedule = new OpenLoopSchedule(2_000, System.nanoTime());
        for (int n = 0; n < 20; n++) {
            final long stamped = schedule.awaitSendTime(n);
            final long now = System.nanoTime();
            assertThat(stamped).isEqualTo(schedule.intendedSendNanos(n));
            assertThat(now - stamped).as("returned before record %d was due", n).isNotNegative();
        }
    }

    @Test
    void aLateSenderGetsThePastIntendedTimeAtOnce() {
        final long start = System.nanoTime() - TimeUnit.SECONDS.toNanos(10);
        final OpenLoopSchedule schedule = new OpenLoopSchedule(10, start);
        final long before = System.nanoTime();

        assertThat(schedule.awaitSendTime(3)).isEqualTo(start + 300_000_000);
        assertThat(System.nanoTime() - before).as("no wait").isLessThan(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void aLongWaitParksInsteadOfBurningTheCore() {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final OpenLoopSchedule schedule = new OpenLoopSchedule(20, System.nanoTime()); // record 1 in 50 ms
        final long cpuBefore = threads.getCurrentThreadCpuTime();
        final long wallBefore = System.nanoTime();

        schedule.awaitSendTime(1);

        final long wall = System.nanoTime() - wallBefore;
        final long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
        assertThat(wall).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(40));
        assertThat(cpu).as("CPU time spent waiting %,d ns", wall).isLessThan(TimeUnit.MILLISECONDS.toNanos(10));
    }

    @Test
    void withNoParkMarginTheSenderParksUpToTheDueTimeAndIsStillNeverEarly() {
        final OpenLoopSchedule schedule = new OpenLoopSchedule(1_000, System.nanoTime(), 0);
        for (int n = 0; n < 20; n++) {
            final long stamped = schedule.awaitSendTime(n);
            assertThat(System.nanoTime() - stamped).as("returned before record %d was due", n).isNotNegative();
        }
        assertThat(schedule.parkMarginNanos()).isZero();
        assertThat(new OpenLoopSchedule(1, 0).parkMarginNanos()).isEqualTo(OpenLoopSchedule.DEFAULT_PARK_MARGIN_NANOS);
    }

    @Test
    void rateZeroIsUnboundedAndEveryRecordIsDueWhenItIsSent() {
        final OpenLoopSchedule schedule = new OpenLoopSchedule(OpenLoopSchedule.UNBOUNDED, 0);
        final long before = System.nanoTime();
        final long stamped = schedule.awaitSendTime(1_000_000);
        final long after = System.nanoTime();

        assertThat(schedule.isUnbounded()).isTrue();
        assertThat(stamped).isBetween(before, after);
        assertThatThrownBy(() -> schedule.intendedSendNanos(1))
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("an unbounded schedule has no intended send times");
    }

    @Test
    void ratesOutsideTheRangeAreRefusedWithTheValueNamed() {
        assertThatThrownBy(() -> new OpenLoopSchedule(-1, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("records per second must be 0 (unbounded) or from 1 to 1000000000, was -1");
        assertThatThrownBy(() -> new OpenLoopSchedule(1_000_000_001, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageEndingWith("was 1000000001");
        assertThatThrownBy(() -> new OpenLoopSchedule(5, 0, -1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("park margin must not be negative, was -1 ns");
        assertThatThrownBy(() -> new OpenLoopSchedule(5, 0).intendedSendNanos(-1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("record index must not be negative, was -1");
    }

    private static long exactOffset(final long n, final long rate) {
        return BigInteger.valueOf(n).multiply(BigInteger.valueOf(SECOND)).divide(BigInteger.valueOf(rate))
            .longValueExact();
    }

    @Test
    void indexOfInvertsEveryIntendedTimeAtAwkwardRates() {
        for (final long rate : new long[] {1, 3, 7, 2_000, 33_333, 999_999_937L, OpenLoopSchedule.MAX_RECORDS_PER_SECOND}) {
            final OpenLoopSchedule schedule = new OpenLoopSchedule(rate, 1_000_000_123L);
            for (long n = 0; n < 5_000; n++) {
                assertThat(schedule.indexOf(schedule.intendedSendNanos(n))).as("rate %d, record %d", rate, n)
                    .isEqualTo(n);
            }
            final long far = 4_000_000_000L;
            assertThat(schedule.indexOf(schedule.intendedSendNanos(far))).isEqualTo(far);
        }
    }

    @Test
    void indexOfAnswersMinusOneForATimeNoRecordHas() {
        final OpenLoopSchedule schedule = new OpenLoopSchedule(3, 100);
        // Records at 100, 100 + 333333333, 100 + 666666666, ...
        assertThat(schedule.indexOf(101)).isEqualTo(-1);
        assertThat(schedule.indexOf(99)).isEqualTo(-1);
        assertThat(schedule.indexOf(100 + 333_333_333)).isEqualTo(1);
        assertThat(schedule.indexOf(100 + 333_333_334)).isEqualTo(-1);
    }
}
