package io.ackbench.producer;

import java.util.concurrent.locks.LockSupport;

/**
 * How an application thread waits for something another thread will do shortly (a batch rotation, a buffer
 * coming back): spin briefly, then yield, then park. Stateless so that any thread can use it without
 * allocation; the machines have 2 cores, so a waiter must stop burning one quickly.
 */
final class Backoff {
    private static final int SPINS = 64;
    private static final int YIELDS = 128;
    private static final long MAX_PARK_NANOS = 100_000;

    private Backoff() {
    }

    static void idle(final int attempt) {
        if (attempt < SPINS) {
            Thread.onSpinWait();
        } else if (attempt < YIELDS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(Math.min(MAX_PARK_NANOS, 1_000L << Math.min(10, attempt - YIELDS)));
        }
    }
}
