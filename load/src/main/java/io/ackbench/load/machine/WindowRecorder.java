package io.ackbench.load.machine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One producer's latency windows by completion time: for window {@code i}, the completions in
 * [{@code origin + i * width}, {@code origin + (i + 1) * width}), the largest latency and how many there were. The
 * arrays are sized when it is made (from the run's length), so {@link #record} allocates nothing; completions before
 * the origin or past the last window are counted as outside and otherwise dropped.
 *
 * <p>One writer, the producer's sender (or I/O) thread, with plain stores into the arrays, each record published by a
 * release store of {@link #recorded}. A reader loads {@code recorded} first (acquire, in {@link #merge}) and so sees
 * every window as of that record; read once the producers have flushed, that is all of them.
 */
public final class WindowRecorder {
    private final long originNanos;
    private final long widthNanos;
    private final long[] max;
    private final long[] count;
    /** Records taken so far, in windows or outside: one writer, released after each record's array stores. */
    private final AtomicLong recorded = new AtomicLong();
    /** Completions outside every window; the writer's own, published by {@link #recorded} as the arrays are. */
    private long outside;

    public WindowRecorder(final long originNanos, final long widthNanos, final int windows) {
        if (widthNanos <= 0 || windows <= 0) {
            throw new IllegalArgumentException("Need a positive width and window count: " + widthNanos + ", "
                + windows);
        }
        this.originNanos = originNanos;
        this.widthNanos = widthNanos;
        this.max = new long[windows];
        this.count = new long[windows];
    }

    /** A completion at {@code completionNanos} whose latency was {@code latencyNanos}. Allocation-free. */
    public void record(final long completionNanos, final long latencyNanos) {
        final long since = completionNanos - originNanos;
        final long window = since < 0 ? -1 : since / widthNanos;
        if (window < 0 || window >= max.length) {
            outside++;
        } else {
            final int i = (int) window;
            if (latencyNanos > max[i]) {
                max[i] = latencyNanos;
            }
            count[i]++;
        }
        recorded.lazySet(recorded.getPlain() + 1);
    }

    public long originNanos() {
        return originNanos;
    }

    public long widthNanos() {
        return widthNanos;
    }

    public int windows() {
        return max.length;
    }

    /**
     * Adds this recorder's windows into {@code maxInto} and {@code countInto} (largest latency, summed counts) and
     * returns how many completions fell outside every window.
     */
    public long merge(final long[] maxInto, final long[] countInto) {
        recorded.get(); // acquire: the writer's stores before its last release are visible from here on
        for (int i = 0; i < max.length && i < maxInto.length; i++) {
            maxInto[i] = Math.max(maxInto[i], max[i]);
            countInto[i] += count[i];
        }
        return outside;
    }
}
