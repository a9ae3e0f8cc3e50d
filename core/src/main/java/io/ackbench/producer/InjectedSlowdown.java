package io.ackbench.producer;

/**
 * A test-only switch that makes {@link Producer#send} slower by a known fraction, to measure whether the nightly gate
 * sees a regression of that size (scripts/nightly-error-rates). With {@code -Dackbench.inject.slowdownPercent=N},
 * N &gt; 0, each send busy-waits, after its own work, N% of the time that work took; the default 0 does nothing.
 * Never set it for a measurement.
 *
 * <p>The percentage is read once into a {@code static final}, so at 0 the JIT treats the check as a constant and
 * removes it with the wait: the send without the switch compiles as if it were not there.
 */
public final class InjectedSlowdown {
    /** The system property: a whole percentage from 0 to {@value #MAX_PERCENT}. */
    public static final String PROPERTY = "ackbench.inject.slowdownPercent";
    static final int MAX_PERCENT = 1000;
    private static final int HUNDRED = 100;

    /** Fixed at class initialisation; 0 unless the property is set. */
    private static final int PERCENT = parse(System.getProperty(PROPERTY));

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

    /** Where a send starts: its start time when the switch is on, else 0 without reading the clock. */
    static long start() {
        return PERCENT > 0 ? System.nanoTime() : 0;
    }

    /** After a send that began at {@code startNanos}: busy-waits {@link #PERCENT}% of the time it took. */
    static void afterSend(final long startNanos) {
        if (PERCENT > 0) {
            final long now = System.nanoTime();
            spinUntil(now + waitNanos(now - startNanos, PERCENT));
        }
    }

    /** How long to wait after work of {@code workNanos}: {@code percent}% of it. */
    static long waitNanos(final long workNanos, final int percent) {
        return workNanos * percent / HUNDRED;
    }

    /** Busy-waits, without sleeping, since a sleep would give the core to the sender and brokers. */
    static void spinUntil(final long deadlineNanos) {
        while (System.nanoTime() - deadlineNanos < 0) {
            Thread.onSpinWait();
        }
    }
}
