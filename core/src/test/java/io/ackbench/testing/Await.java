package io.ackbench.testing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for another thread in a test: poll a condition until it holds, failing with a message that names the
 * condition once a deadline passes. Fault and concurrency tests wait for the state they need this way, never by
 * sleeping a fixed time and then asserting. Between checks the waiter parks for 100 µs, so it leaves the
 * machine's two shared cores to the threads it waits for.
 */
public final class Await {
    /** How long a condition may take: generous, the machine is shared and loaded. */
    public static final long DEFAULT_TIMEOUT_MS = 10_000;
    private static final long PARK_NANOS = 100_000;

    private Await() {
    }

    /** Returns once {@code met} holds, checking it for up to {@link #DEFAULT_TIMEOUT_MS}; fails naming {@code condition}. */
    public static void until(final String condition, final BooleanSupplier met) {
        until(condition, met, null, DEFAULT_TIMEOUT_MS);
    }

    /** As {@link #until(String, BooleanSupplier)}, the failure also telling what {@code observed} last showed. */
    public static void until(final String condition, final BooleanSupplier met, final Supplier<?> observed) {
        until(condition, met, observed, DEFAULT_TIMEOUT_MS);
    }

    /**
     * Returns once {@code met} holds, checking it for up to {@code timeoutMs}; otherwise throws an
     * {@link AssertionError} naming {@code condition} and, if given, what {@code observed} shows at that moment. An
     * exception or assertion failure thrown by {@code met} ends the wait at once.
     */
    public static void until(final String condition, final BooleanSupplier met, final Supplier<?> observed,
                             final long timeoutMs) {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!met.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + timeoutMs + " ms waiting until " + condition
                    + (observed == null ? "" : "; last observed: " + observed.get()));
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new AssertionError("Interrupted while waiting until " + condition);
            }
            LockSupport.parkNanos(PARK_NANOS);
        }
    }
}
