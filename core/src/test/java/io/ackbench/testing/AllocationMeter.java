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
}
