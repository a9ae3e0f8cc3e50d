package io.ackbench.load;

import java.util.concurrent.locks.LockSupport;

/**
 * The clock and the wait an {@link OpenLoopSchedule} paces with: {@link System#nanoTime()} and
 * {@link LockSupport#parkNanos(long)} in a run, a hand-driven clock in a test.
 */
public interface PacingClock {
    /** The system's: nanoTime and parkNanos. */
    PacingClock SYSTEM = new PacingClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkNanos(final long nanos) {
            LockSupport.parkNanos(nanos);
        }
    };

    /** The current time on the {@link System#nanoTime()} scale. */
    long nanoTime();

    /** Parks the calling thread for about {@code nanos}; it may wake earlier or (usually) later. */
    void parkNanos(long nanos);
}
