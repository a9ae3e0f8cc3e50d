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
 * the request was written. Records intended before the measurement start (the warm-up) are ignored.
 */
public final class CompletionRecorder implements DeliveryListener {
    private final LatencyRecorder latency;
    /** The run's failover timer, or null without faults. */
    private final FailoverTimes failovers;
    /**
     * Intended time from which records are measured: written with a volatile store by the generator (or by
     * measureFrom) before any record is sent; read with a volatile load by the sender thread on each completion.
     */
    private volatile long measureStartNanos;
    // Counters with one writer, the sender thread: a plain read, then a release store (lazySet). Any thread may read
    // them with a volatile load (get), seeing a value at most a few records old.
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
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
            return;
        }
        if (errorCode == ErrorCode.NONE) {
            latency.recordLatency(now - appendNanos);
            if (windows != null) {
                windows.record(now, now - appendNanos);
            }
            acknowledged.lazySet(acknowledged.getPlain() + 1);
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

    /** Moves the measurement start; call before any record is sent. */
    public void measureFrom(final long startNanos) {
        this.measureStartNanos = startNanos;
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
