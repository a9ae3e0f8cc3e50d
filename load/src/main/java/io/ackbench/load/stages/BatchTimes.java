package io.ackbench.load.stages;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One time per log batch, kept for a join after the run: the batch's place in the log (partition and base offset,
 * packed into one long by {@link #key}), a time in nanoseconds and how many measured records it holds. Columns of
 * primitives that double when full, so a steady load appends without allocating; at most {@link #MAX_BATCHES}
 * batches are kept, and those past it (or outside the packed key's range) are counted as dropped.
 *
 * <p>Threads: one writer appends; any thread may take a {@link #snapshot()} of what it has appended so far.
 */
final class BatchTimes {
    /** About 64 MB of columns: over an hour of a 1,000 batches/s load. */
    static final int MAX_BATCHES = 1 << 22;
    private static final int INITIAL_CAPACITY = 1 << 10;
    private static final int OFFSET_BITS = 48;
    private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;

    /** A batch's key: its partition above its base offset. */
    static long key(final int partition, final long baseOffset) {
        return (long) partition << OFFSET_BITS | baseOffset;
    }

    static int partition(final long key) {
        return (int) (key >>> OFFSET_BITS);
    }

    static long baseOffset(final long key) {
        return key & OFFSET_MASK;
    }

    // The columns, replaced only by the writer when it grows them: volatile, so a reader that loads size first and
    // then a column sees every entry below that size, whether copied into the column before its volatile store or
    // written into it before the release store of size.
    private volatile long[] keys = new long[INITIAL_CAPACITY];
    private volatile long[] nanos = new long[INITIAL_CAPACITY];
    private volatile int[] records = new int[INITIAL_CAPACITY];
    /** Entries published: one writer, a plain read then a release store (lazySet); readers load it (get). */
    private final AtomicInteger size = new AtomicInteger();
    /** Batches not kept: one writer, a plain read then a release store; readers load it (get). */
    private final AtomicLong dropped = new AtomicLong();

    /** Keeps one batch; allocates only to double a full column. */
    void add(final int partition, final long baseOffset, final long timeNanos, final int measuredRecords) {
        final int n = size.getPlain();
        if (n == MAX_BATCHES || partition >>> (Long.SIZE - OFFSET_BITS) != 0 || (baseOffset & ~OFFSET_MASK) != 0) {
            dropped.lazySet(dropped.getPlain() + 1);
            return;
        }
        if (n == keys.length) {
            final int grown = Math.min(MAX_BATCHES, 2 * n);
            keys = Arrays.copyOf(keys, grown);
            nanos = Arrays.copyOf(nanos, grown);
            records = Arrays.copyOf(records, grown);
        }
        keys[n] = key(partition, baseOffset);
        nanos[n] = timeNanos;
        records[n] = measuredRecords;
        size.lazySet(n + 1);
    }

    /** Copies of the batches kept so far. Allocates: a cold path. */
    Snapshot snapshot() {
        final int n = size.get();
        return new Snapshot(Arrays.copyOf(keys, n), Arrays.copyOf(nanos, n), Arrays.copyOf(records, n),
            dropped.get());
    }

    /** Batches kept, column by column (index i is one batch), and how many were dropped. */
    record Snapshot(long[] keys, long[] nanos, int[] records, long dropped) {
        int size() {
            return keys.length;
        }
    }
}
