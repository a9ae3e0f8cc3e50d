package io.ackbench.load;

/**
 * When each record of an open-loop load should be sent: record {@code n} at {@code start + n * 1e9 / rate}
 * nanoseconds ({@link System#nanoTime()} clock), whatever happened to the records before it. Latency measured
 * from this intended time, not from the moment the sender got round to it, includes the time a record waited
 * behind a stalled predecessor: no coordinated omission.
 *
 * <p>Each time is computed from {@code n} alone in exact integer arithmetic (the floor of the exact quotient),
 * so rounding never accumulates: record {@code k * rate} is due exactly {@code k} seconds after the start, at
 * any rate.
 *
 * <p>A rate of {@link #UNBOUNDED} (0) sends as fast as the sender can: the intended time of each record is the
 * moment it is sent.
 *
 * <p><b>Pacing.</b> {@link #awaitSendTime} returns at once while the record is overdue, so a sender that wakes
 * late sends every record whose time has passed back to back, each stamped with its own intended time (its
 * lateness still counts); it parks only when the next record is in the future. It parks until the park margin
 * before the record is due ({@code parkNanos(remaining - margin)}) and spins through what is left of the margin
 * only after such a park woke early; a wait no longer than the margin parks right up to the due time instead of
 * spinning, so the sender never spins through a gap between records. It spins only below
 * {@value #SPIN_BELOW_NANOS} ns. A park overshoots by 60 to 85 µs here (Linux's 50 µs timer slack plus the
 * wake-up), so at 100 000 records/s (10 µs apart) the sender wakes every 60 to 85 µs and sends the 6 to 9 records
 * due meanwhile, and it is runnable only while it sends.
 *
 * <p>The default margin, {@value #DEFAULT_PARK_MARGIN_NANOS} ns, is the timer slack: a park for {@code t} wakes
 * after {@code t} plus 60 to 85 µs, so parking until 50 µs before the due time wakes 10 to 35 µs after it and
 * seldom early enough to spin. Measured with produce-perf (tcp-processes, acks=all, 15 s after a 5 s warm-up) on a
 * shared 2-core VM: at 5 000 records/s, margin 0 gave a send-delay p50 of 69 µs and this margin 18 µs, for 5.7% and
 * 8.1% of a core; at 20 000 and 100 000 records/s both gave the same p50 (55 and 51 µs), as those waits are no
 * longer than the margin. The earlier wait (park above 100 µs, yield below) kept the thread runnable: 38 to 75% of
 * a core at 20 000 records/s, against 11% now.
 *
 * <p>Owned by the one sending thread (not thread-safe): {@link #restartAt} writes its start with no ordering.
 */
public final class OpenLoopSchedule {
    /** The rate meaning "no pacing". */
    public static final long UNBOUNDED = 0;
    /** One record per nanosecond: a faster schedule could not be told apart on the clock. */
    public static final long MAX_RECORDS_PER_SECOND = 1_000_000_000L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /**
     * How much earlier than the intended time a waiting sender asks to wake, by default: Linux's timer slack, so
     * that a park's overshoot (60 to 85 µs measured) lands just after the due time. See the class comment.
     */
    public static final long DEFAULT_PARK_MARGIN_NANOS = 50_000;
    /** Below this the sender spins: no park is that short. */
    static final long SPIN_BELOW_NANOS = 2_000;

    private final long recordsPerSecond;
    private final long parkMarginNanos;
    private final PacingClock clock;
    private long startNanos;

    /**
     * A schedule that parks through waits longer than {@link #DEFAULT_PARK_MARGIN_NANOS}.
     *
     * @param recordsPerSecond target rate, from 1 to {@link #MAX_RECORDS_PER_SECOND}, or {@link #UNBOUNDED}
     * @param startNanos       the intended send time of record 0, on the {@link System#nanoTime()} clock
     */
    public OpenLoopSchedule(final long recordsPerSecond, final long startNanos) {
        this(recordsPerSecond, startNanos, DEFAULT_PARK_MARGIN_NANOS);
    }

    /**
     * @param parkMarginNanos how long before a record is due the sender asks to wake; 0 parks right up to the due
     *                        time, which sends each record late by the park's overshoot (and that lateness counts
     *                        as latency)
     */
    public OpenLoopSchedule(final long recordsPerSecond, final long startNanos, final long parkMarginNanos) {
        this(recordsPerSecond, startNanos, parkMarginNanos, PacingClock.SYSTEM);
    }

    /** @param clock the clock to pace on and the wait to park with: {@link PacingClock#SYSTEM} but in tests */
    public OpenLoopSchedule(final long recordsPerSecond, final long startNanos, final long parkMarginNanos,
                            final PacingClock clock) {
        if (recordsPerSecond < 0 || recordsPerSecond > MAX_RECORDS_PER_SECOND) {
            throw new IllegalArgumentException("records per second must be " + UNBOUNDED + " (unbounded) or from 1 to "
                + MAX_RECORDS_PER_SECOND + ", was " + recordsPerSecond);
        }
        if (parkMarginNanos < 0) {
            throw new IllegalArgumentException("park margin must not be negative, was " + parkMarginNanos + " ns");
        }
        this.recordsPerSecond = recordsPerSecond;
        this.parkMarginNanos = parkMarginNanos;
        this.clock = clock;
        this.startNanos = startNanos;
    }

    /**
     * Record 0 is now due at {@code startNanos} and later records follow at the same rate; the caller counts its
     * records from 0 again. For example at the start of each JMH iteration, so that the harness's pause between
     * iterations does not make the first records of the next one late.
     */
    public void restartAt(final long startNanos) {
        this.startNanos = startNanos;
    }

    public long recordsPerSecond() {
        return recordsPerSecond;
    }

    public long startNanos() {
        return startNanos;
    }

    public long parkMarginNanos() {
        return parkMarginNanos;
    }

    public boolean isUnbounded() {
        return recordsPerSecond == UNBOUNDED;
    }

    /**
     * The intended send time of record {@code n} (0-based): {@code start + floor(n * 1e9 / rate)}.
     *
     * @throws IllegalStateException if the schedule is unbounded (its records have no time until they are sent)
     * @throws ArithmeticException   if the offset from the start exceeds a long's nanoseconds (292 years)
     */
    public long intendedSendNanos(final long n) {
        if (n < 0) {
            throw new IllegalArgumentException("record index must not be negative, was " + n);
        }
        if (recordsPerSecond == UNBOUNDED) {
            throw new IllegalStateException("an unbounded schedule has no intended send times");
        }
        // n * 1e9 overflows a long after 9.2e9 records; n = q * rate + r splits it into whole seconds and a
        // remainder whose product with 1e9 stays below rate * 1e9 <= 1e18.
        final long wholeSeconds = n / recordsPerSecond;
        final long remainder = n - wholeSeconds * recordsPerSecond;
        final long offset = Math.addExact(Math.multiplyExact(wholeSeconds, NANOS_PER_SECOND),
            remainder * NANOS_PER_SECOND / recordsPerSecond);
        // Wraps like System.nanoTime itself; callers compare times by difference.
        return startNanos + offset;
    }

    /**
     * The index of the record whose intended send time is {@code intendedNanos}, or -1 if no record of this
     * schedule has that time: the inverse of {@link #intendedSendNanos}, which is strictly increasing at any rate up
     * to {@link #MAX_RECORDS_PER_SECOND}. Allocation-free; a delivery audit maps each completion back to its record
     * with it.
     *
     * @throws IllegalStateException if the schedule is unbounded
     */
    public long indexOf(final long intendedNanos) {
        if (recordsPerSecond == UNBOUNDED) {
            throw new IllegalStateException("an unbounded schedule has no intended send times");
        }
        final long offset = intendedNanos - startNanos;
        if (offset < 0) {
            return -1;
        }
        // The smallest n with floor(n * 1e9 / rate) >= offset is ceil(offset * rate / 1e9), split as above so the
        // product cannot overflow.
        final long wholeSeconds = offset / NANOS_PER_SECOND;
        final long remainder = offset - wholeSeconds * NANOS_PER_SECOND;
        final long n = Math.addExact(Math.multiplyExact(wholeSeconds, recordsPerSecond),
            (remainder * recordsPerSecond + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
        return intendedSendNanos(n) == intendedNanos ? n : -1;
    }

    /**
     * Waits until record {@code n} is due and returns its intended send time (the time its latency counts from).
     * A sender that is already late returns at once with the past intended time. An unbounded schedule returns the
     * current time at once. See the class comment for how it waits.
     */
    public long awaitSendTime(final long n) {
        return awaitSendTime(n, null);
    }

    /** As {@link #awaitSendTime(long)}, telling {@code waits} (null for none) how late each park woke. */
    public long awaitSendTime(final long n, final LoadThreadWaits waits) {
        if (recordsPerSecond == UNBOUNDED) {
            return clock.nanoTime();
        }
        final long intended = intendedSendNanos(n);
        long now = clock.nanoTime();
        long remaining = intended - now;
        boolean parked = false;
        while (remaining > 0) {
            if (remaining <= SPIN_BELOW_NANOS || parked && remaining <= parkMarginNanos) {
                Thread.onSpinWait();
            } else {
                // Wake a margin early when the wait is longer than the margin; otherwise park to the due time.
                final long wake = remaining > parkMarginNanos ? intended - parkMarginNanos : intended;
                clock.parkNanos(wake - now);
                parked = true;
                now = clock.nanoTime();
                if (waits != null) {
                    waits.onWake(now - wake);
                }
                remaining = intended - now;
                continue;
            }
            now = clock.nanoTime();
            remaining = intended - now;
        }
        return intended;
    }
}
