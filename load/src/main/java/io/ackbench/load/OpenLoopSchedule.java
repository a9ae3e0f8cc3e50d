package io.ackbench.load;

import java.util.concurrent.locks.LockSupport;

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
 * <p>Owned by the one sending thread (not thread-safe): {@link #restartAt} writes its start with no ordering.
 */
public final class OpenLoopSchedule {
    /** The rate meaning "no pacing". */
    public static final long UNBOUNDED = 0;
    /** One record per nanosecond: a faster schedule could not be told apart on the clock. */
    public static final long MAX_RECORDS_PER_SECOND = 1_000_000_000L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /**
     * How much earlier than the intended time a waiting sender stops parking, by default. A park here overshoots
     * by 70 to 85 µs (Linux timer slack is 50 µs; measured on the 2-core VMs), so a sender parks only through
     * waits longer than this, and yields through the rest: sends are on time to about a microsecond, and a
     * sender pacing more than 10 000 records/s never parks (it stays runnable, yielding to any other thread).
     */
    public static final long DEFAULT_PARK_MARGIN_NANOS = 100_000;
    /** Below this the sender spins: a yield costs about 0.5 µs. */
    private static final long SPIN_BELOW_NANOS = 1_000;

    private final long recordsPerSecond;
    private final long parkMarginNanos;
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
     * @param parkMarginNanos how long before a record is due the sender stops parking and yields instead; 0 parks
     *                        right up to the due time, the cheapest wait, which sends each record late by the
     *                        park's overshoot (and that lateness counts as latency)
     */
    public OpenLoopSchedule(final long recordsPerSecond, final long startNanos, final long parkMarginNanos) {
        if (recordsPerSecond < 0 || recordsPerSecond > MAX_RECORDS_PER_SECOND) {
            throw new IllegalArgumentException("records per second must be " + UNBOUNDED + " (unbounded) or from 1 to "
                + MAX_RECORDS_PER_SECOND + ", was " + recordsPerSecond);
        }
        if (parkMarginNanos < 0) {
            throw new IllegalArgumentException("park margin must not be negative, was " + parkMarginNanos + " ns");
        }
        this.recordsPerSecond = recordsPerSecond;
        this.parkMarginNanos = parkMarginNanos;
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
     * A sender that is already late returns at once with the past intended time. The wait parks while the
     * record is more than the park margin away, then yields, and spins only for the last microsecond, so a slow
     * schedule leaves the core to other threads. An unbounded schedule returns the current time at once.
     */
    public long awaitSendTime(final long n) {
        if (recordsPerSecond == UNBOUNDED) {
            return System.nanoTime();
        }
        final long intended = intendedSendNanos(n);
        long remaining;
        while ((remaining = intended - System.nanoTime()) > 0) {
            if (remaining > parkMarginNanos) {
                LockSupport.parkNanos(remaining - parkMarginNanos);
            } else if (remaining > SPIN_BELOW_NANOS) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
        return intended;
    }
}
