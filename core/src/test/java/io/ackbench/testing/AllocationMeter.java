package io.ackbench.testing;

import java.lang.management.ManagementFactory;

/** Bytes allocated by the current thread, from HotSpot's per-thread TLAB accounting: the zero-allocation guards' meter. */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        THREADS.getCurrentThreadAllocatedBytes(); // the first call may set itself up; keep that out of measurements
    }

    private AllocationMeter() {
    }

    public static long currentThreadAllocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Bytes the threads {@code threads} allocated between two readings of {@code ThreadMXBean.getThreadAllocatedBytes}
     * (-1 for a thread that had not started or had ended), the calling thread left out.
     */
    public static long allocatedByOthers(final long[] threads, final long[] before, final long[] after) {
        final long self = Thread.currentThread().getId();
        long total = 0;
        for (int i = 0; i < threads.length; i++) {
            if (threads[i] != self && before[i] >= 0 && after[i] >= 0) {
                total += after[i] - before[i];
            }
        }
        return total;
    }
}
