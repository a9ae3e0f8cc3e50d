package io.ackbench.producer;

/**
 * A test-only switch that makes {@link Producer#send} slower by a known fraction, to measure whether the nightly gate
 * sees a regression of that size (scripts/nightly-error-rates). With {@code -Dackbench.inject.slowdownPercent=N},
 * N &gt; 0, sends busy-wait, after their own work, N% of the time that work takes; the default 0 does nothing.
 * Never set it for a measurement.
 *
 * <p>Most sends read no clock: a send is ~100 ns and a clock read ~25 ns on these machines, so timing every send
 * would itself slow it by half. One send in {@value #SAMPLE_PERIOD} is timed: it updates a running mean of a send's
 * work and of a clock read, then busy-waits on the clock for the whole period's share, {@value #SAMPLE_PERIOD} times
 * N% of the mean work, less the clock reads the timing itself cost. A throughput over many sends therefore drops by
 * N/(100+N); the wait comes as one pause of ~{@value #SAMPLE_PERIOD} times the per-send share, not spread evenly.
 *
 * <p>The percentage is read once into a {@code static final}, so at 0 the JIT treats the check as a constant and
 * removes it with the wait: the send without the switch compiles as if it were not there.
 */
public final class InjectedSlowdown {
    /** The system property: a whole percentage from 0 to {@value #MAX_PERCENT}. */
    public static final String PROPERTY = "ackbench.inject.slowdownPercent";
    static final int MAX_PERCENT = 1000;
    /** One send in this many is timed and waits for all of them. */
    static final int SAMPLE_PERIOD = 64;
    /** Clock reads a timed send makes outside its wait: two back to back before its work, one after it. */
    static final int CLOCK_READS_PER_SAMPLE = 3;
    /**
     * Weight 1/256 for each new sample in the running means: the mean then spans ~16,000 sends, enough to take in the
     * sends that open a batch (one in ~140, each several times the others).
     */
    static final int MEAN_WEIGHT = 256;
    /** A sample counts at most this many times the mean: a timed send descheduled for milliseconds is not work. */
    static final int SAMPLE_CAP = 4;
    private static final int HUNDRED = 100;

    /** Fixed at class initialisation; 0 unless the property is set. */
    private static final int PERCENT = parse(System.getProperty(PROPERTY));

    // The fields below are plain statics written and read by every sending thread without ordering: two threads
    // racing only shift which send is timed or which sample a mean takes, never what the wait is made of.
    /** Sends since the last timed one. */
    private static int sendsSinceSample;
    /** Running means, in nanoseconds, of a send's own work and of one clock read. */
    private static double meanWorkNanos;
    private static double meanClockReadNanos;

    private InjectedSlowdown() {
    }

    /** The percentage this JVM runs with. */
    public static int percent() {
        return PERCENT;
    }

    /**
     * The property's value as a percentage: absent or blank is 0.
     *
     * @throws IllegalArgumentException naming the property and the value when it is not a whole number in range
     */
    static int parse(final String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        final int percent;
        try {
            percent = Integer.parseInt(value.strip());
        } catch (final NumberFormatException e) {
            throw outOfRange(value);
        }
        if (percent < 0 || percent > MAX_PERCENT) {
            throw outOfRange(value);
        }
        return percent;
    }

    private static IllegalArgumentException outOfRange(final String value) {
        return new IllegalArgumentException("-D" + PROPERTY + " must be a whole percentage from 0 to " + MAX_PERCENT
            + ", was '" + value + "'");
    }

    /**
     * Where a send starts: when the switch is on and this send is timed, its start time, after a first read that
     * times a clock read; else 0 and no clock read.
     */
    static long start() {
        if (PERCENT > 0 && ++sendsSinceSample >= SAMPLE_PERIOD) {
            sendsSinceSample = 0;
            final long first = System.nanoTime();
            final long start = System.nanoTime();
            meanClockReadNanos = mean(meanClockReadNanos, start - first);
            return start;
        }
        return 0;
    }

    /** After a send's work: a timed send learns its work's time and waits for its whole period. */
    static void afterSend(final long startNanos) {
        if (PERCENT > 0 && startNanos != 0) {
            final long worked = System.nanoTime();
            meanWorkNanos = mean(meanWorkNanos, Math.max(0, worked - startNanos - meanClockReadNanos));
            spinUntil(worked + periodWaitNanos(meanWorkNanos, PERCENT, meanClockReadNanos));
        }
    }

    /**
     * What a timed send waits for its period's {@value #SAMPLE_PERIOD} sends, each of {@code workNanos}, to be slowed
     * by {@code percent}%: less its own clock reads of {@code clockReadNanos} each, which slow the period too.
     */
    static long periodWaitNanos(final double workNanos, final int percent, final double clockReadNanos) {
        final double wait = SAMPLE_PERIOD * workNanos * percent / HUNDRED - CLOCK_READS_PER_SAMPLE * clockReadNanos;
        return wait <= 0 ? 0 : Math.round(wait);
    }

    /**
     * A running mean moved 1/{@value #MEAN_WEIGHT} of the way to {@code sample}, capped at {@value #SAMPLE_CAP} times
     * the mean; the first sample is taken whole.
     */
    static double mean(final double mean, final double sample) {
        return mean == 0 ? sample : mean + (Math.min(sample, SAMPLE_CAP * mean) - mean) / MEAN_WEIGHT;
    }

    /** Busy-waits, without sleeping, since a sleep would give the core to the sender and brokers. */
    static void spinUntil(final long deadlineNanos) {
        while (System.nanoTime() - deadlineNanos < 0) {
            Thread.onSpinWait();
        }
    }
}
