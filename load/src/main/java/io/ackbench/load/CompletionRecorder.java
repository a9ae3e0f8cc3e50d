package io.ackbench.load;

import io.ackbench.fault.FailoverTimes;
import io.ackbench.load.machine.WindowRecorder;
import io.ackbench.producer.DeliveryListener;
import io.ackbench.transport.ErrorCode;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One producer's {@link DeliveryListener}: records each measured record's latency, from its intended send time
 * (the producer's append time) to its completion, into a {@link LatencyRecorder} whose one writer is the
 * producer's sender thread, and counts acknowledged and failed records. With acks=0 the completion is the moment
 * the request was written. Records intended before the measurement start (the warm-up) are not measured; with
 * {@link #watchWarmup} their latency goes to a recorder of its own, which a steady-state warm-up reads.
 *
 * <p>The measured window: a measured record acknowledged at or after the window's end ({@link #measureUntil}) is
 * counted as drained after the window ({@link #drained()}), not in the window, so a run's throughput counts only
 * what was acknowledged inside it.
 */
public final class CompletionRecorder implements DeliveryListener {
    private final LatencyRecorder latency;
    /** The run's failover timer, or null without faults. */
    private final FailoverTimes failovers;
    /**
     * Intended time from which records are measured: written with a volatile store by the generator (or by
     * measureFrom) before any record intended at or after it is sent; read with a volatile load by the sender
     * thread on each completion.
     */
    private volatile long measureStartNanos;
    /**
     * Completion time from which a measured record counts as drained after the window, valid once
     * {@link #windowEnds} is true. Volatile, because a later call may move it while completions read it; written by
     * one thread at a time (the generator) before the volatile store of windowEnds;
     * read by the sender thread after a volatile load of windowEnds.
     */
    private volatile long windowEndNanos;
    private volatile boolean windowEnds;
    /** Warm-up latencies, or null when nobody watches the warm-up; set before any record is sent. */
    private LatencyRecorder warmupLatency;
    // Counters with one writer, the sender thread: a plain read, then a release store (lazySet). Any thread may read
    // them with a volatile load (get), seeing a value at most a few records old.
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong drained = new AtomicLong();
    private final AtomicLong lastDrainedNanos = new AtomicLong();
    /**
     * The first error code seen, or {@link ErrorCode#NONE}: one writer, the sender thread, with a volatile store; any
     * thread may read it with a volatile load.
     */
    private volatile short firstError = ErrorCode.NONE;
    /**
     * The producer's latency windows for stall attribution, or null: set by {@link #recordWindows} before the producer
     * connects, so its sender thread, started later, sees it (Thread.start); written then only by that thread.
     */
    private WindowRecorder windows;

    public CompletionRecorder(final LatencyRecorder latency, final long measureStartNanos) {
        this(latency, measureStartNanos, null);
    }

    /** @param failovers told of every acknowledgement, warm-up included; null without faults */
    public CompletionRecorder(final LatencyRecorder latency, final long measureStartNanos,
                              final FailoverTimes failovers) {
        this.latency = latency;
        this.measureStartNanos = measureStartNanos;
        this.failovers = failovers;
    }

    @Override
    public void onComplete(final int partition, final long offset, final short errorCode, final long appendNanos) {
        final long now = System.nanoTime();
        if (failovers != null && errorCode == ErrorCode.NONE) {
            failovers.onAcknowledged(partition, appendNanos, now);
        }
        if (appendNanos - measureStartNanos < 0) {
            if (warmupLatency != null && errorCode == ErrorCode.NONE) {
                warmupLatency.recordLatency(now - appendNanos);
            }
            return;
        }
        if (errorCode == ErrorCode.NONE) {
            latency.recordLatency(now - appendNanos);
            if (windows != null) {
                windows.record(now, now - appendNanos);
            }
            acknowledged.lazySet(acknowledged.getPlain() + 1);
            if (windowEnds && now - windowEndNanos >= 0) {
                drained.lazySet(drained.getPlain() + 1);
                lastDrainedNanos.lazySet(now);
            }
        } else {
            if (firstError == ErrorCode.NONE) {
                firstError = errorCode;
            }
            failed.lazySet(failed.getPlain() + 1);
        }
    }

    /** Also records each measured latency by completion time into {@code windows}; call before connecting. */
    public CompletionRecorder recordWindows(final WindowRecorder windows) {
        this.windows = windows;
        return this;
    }

    /**
     * Moves the measurement start; call before any record intended at or after {@code startNanos} is sent (a
     * steady-state warm-up moves it while the warm-up's records flow, a little ahead of the time it names).
     */
    public void measureFrom(final long startNanos) {
        this.measureStartNanos = startNanos;
    }

    /**
     * Ends the measured window at {@code endNanos}: measured records acknowledged from then on are drained after
     * it. Called by one thread at a time; a later call moves the end.
     */
    public void measureUntil(final long endNanos) {
        this.windowEndNanos = endNanos;
        this.windowEnds = true;
    }

    /** Records the warm-up's latencies into {@code warmup} (its one writer the sender thread); call before sending. */
    public CompletionRecorder watchWarmup(final LatencyRecorder warmup) {
        this.warmupLatency = warmup;
        return this;
    }

    /** The warm-up's latencies, or null when not watched. */
    public LatencyRecorder warmupLatency() {
        return warmupLatency;
    }

    /** Measured records acknowledged at or after the window's end. */
    public long drained() {
        return drained.get();
    }

    /** When the last of the {@link #drained()} records was acknowledged; meaningless while none was. */
    public long lastDrainedNanos() {
        return lastDrainedNanos.get();
    }

    /** Measured records acknowledged inside the window: before its end (all of them while it has none). */
    public long acknowledgedInWindow() {
        final long drainedSoFar = drained.get();
        return acknowledged.get() - drainedSoFar;
    }

    public LatencyRecorder latency() {
        return latency;
    }

    /** Measured records acknowledged without error. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Measured records that ended with an error. */
    public long failed() {
        return failed.get();
    }

    public short firstError() {
        return firstError;
    }
}
