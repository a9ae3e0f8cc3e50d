package io.ackbench.load;

import org.agrona.DirectBuffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One consumer's {@link ConsumedRecordListener}: records each measured record's end-to-end latency, from its intended
 * send time (stamped in its value by the producing thread, on this JVM's {@code nanoTime} clock) to the moment the
 * consumer hands it over, into a {@link LatencyRecorder} whose one writer is the consumer's thread, and counts the
 * records read. Records intended before the measurement start (the warm-up) are counted but not measured. Allocates
 * nothing per record.
 */
public final class ConsumptionRecorder implements ConsumedRecordListener {
    private final LatencyRecorder latency;
    /**
     * Intended time from which records are measured: written with a volatile store by the constructing thread (or
     * by {@link #measureFrom}); read with a volatile load by the consumer's thread for each record.
     */
    private volatile long measureStartNanos;
    // Counters with one writer, the consumer's thread: a plain read, then a release store (lazySet). Any thread may
    // read them with a volatile load (get), seeing a value at most a few records old.
    private final AtomicLong measured = new AtomicLong();
    private final AtomicLong read = new AtomicLong();

    /** @param measureStartNanos the intended time from which records are measured */
    public ConsumptionRecorder(final LatencyRecorder latency, final long measureStartNanos) {
        this.latency = latency;
        this.measureStartNanos = measureStartNanos;
    }

    @Override
    public void onRecord(final int partition, final long offset, final DirectBuffer buffer, final int keyOffset,
                         final int keyLength, final int valueOffset, final int valueLength) {
        final long now = System.nanoTime();
        read.lazySet(read.getPlain() + 1);
        if (!RecordId.fitsIntendedNanos(valueLength)) {
            return;
        }
        final long intended = RecordId.readIntendedNanos(buffer, valueOffset);
        if (intended - measureStartNanos < 0) {
            return;
        }
        latency.recordLatency(now - intended);
        measured.lazySet(measured.getPlain() + 1);
    }

    /** Measures the records intended from {@code startNanos} on (a benchmark's, after its warm-up was read). */
    public void measureFrom(final long startNanos) {
        this.measureStartNanos = startNanos;
    }

    public LatencyRecorder latency() {
        return latency;
    }

    /** Records read whose intended send time is at or after the measurement start: those measured. */
    public long measured() {
        return measured.get();
    }

    /** Every record read, warm-up included. */
    public long read() {
        return read.get();
    }
}
