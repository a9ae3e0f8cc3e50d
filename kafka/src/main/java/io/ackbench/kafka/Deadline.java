package io.ackbench.kafka;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A point in time, on the monotonic clock, by which a start or a connect must be done. */
final class Deadline {
    private static final long MILLIS_PER_SECOND = 1_000;
    private final Duration budget;
    private final long endNanos;

    private Deadline(final Duration budget) {
        this.budget = budget;
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    /** @throws IllegalArgumentException naming {@code what} when the budget is not positive */
    static Deadline after(final Duration budget, final String what) {
        if (budget == null || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException(what + " is " + budget + "; it must be a positive duration");
        }
        return new Deadline(budget);
    }

    /** The whole budget, for messages: "90 s", or "2500 ms" when not whole seconds. */
    String budget() {
        final long millis = budget.toMillis();
        return millis % MILLIS_PER_SECOND == 0 ? millis / MILLIS_PER_SECOND + " s" : millis + " ms";
    }

    boolean expired() {
        return remainingMillis() <= 0;
    }

    /** Milliseconds left, 0 once expired. */
    long remainingMillis() {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(endNanos - System.nanoTime()));
    }

    /** Milliseconds left but at most {@code cap} and at least 1 (an Admin call's timeout must be positive). */
    int callTimeoutMillis(final long cap) {
        return (int) Math.max(1, Math.min(cap, remainingMillis()));
    }
}
