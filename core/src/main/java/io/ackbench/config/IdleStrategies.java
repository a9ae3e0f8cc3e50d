package io.ackbench.config;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.Locale;

/**
 * How ackbench's service threads (sender, brokers) wait when a duty cycle found no work, by name. The machines
 * have 2 cores and a benchmark runs three or more such threads beside the application's, so the default backs
 * off to parking within a few microseconds instead of spinning a core away; {@code busy-spin} is there for
 * machines with cores to spare. A broker alone on its thread over TCP has one more, {@code select}, which sleeps in
 * its socket selector (io.ackbench.broker.SelectIdleStrategy, its default there).
 */
public final class IdleStrategies {
    public static final String BACKOFF = "backoff";
    public static final String YIELDING = "yielding";
    public static final String SLEEPING = "sleeping";
    public static final String BUSY_SPIN = "busy-spin";
    public static final String DEFAULT = BACKOFF;

    /** Spins and yields a few times, then parks from 1 µs doubling up to 100 µs: the latency cost of an idle wake-up. */
    private static final long BACKOFF_SPINS = 10;
    private static final long BACKOFF_YIELDS = 20;
    private static final long MIN_PARK_NANOS = 1_000;
    private static final long MAX_PARK_NANOS = 100_000;
    private static final long SLEEP_NANOS = 100_000;

    private IdleStrategies() {
    }

    /** Returns the name, normalised, or throws naming the key and the allowed names. */
    public static String check(final String key, final String name) {
        final String normalised = name.trim().toLowerCase(Locale.ROOT);
        switch (normalised) {
            case BACKOFF:
            case YIELDING:
            case SLEEPING:
            case BUSY_SPIN:
                return normalised;
            default:
                throw new ConfigException(key, name, "expected one of " + BACKOFF + ", " + YIELDING + ", "
                    + SLEEPING + ", " + BUSY_SPIN);
        }
    }

    /** A new strategy instance (they hold per-thread state, so each thread needs its own). */
    public static IdleStrategy create(final String name) {
        switch (check("idle strategy", name)) {
            case YIELDING:
                return new YieldingIdleStrategy();
            case SLEEPING:
                return new SleepingIdleStrategy(SLEEP_NANOS);
            case BUSY_SPIN:
                return new BusySpinIdleStrategy();
            default:
                return new BackoffIdleStrategy(BACKOFF_SPINS, BACKOFF_YIELDS, MIN_PARK_NANOS, MAX_PARK_NANOS);
        }
    }
}
