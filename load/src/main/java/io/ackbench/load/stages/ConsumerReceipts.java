package io.ackbench.load.stages;

import io.ackbench.load.RecordId;
import org.agrona.DirectBuffer;

/**
 * One consumer's side of the {@link ConsumerReceiptStage}: for each batch it read that held measured records (their
 * intended send time, carried in the value, at or after the measurement start), the batch's partition and base
 * offset, when the consumer took it from its fetch response, and how many measured records it held.
 *
 * <p>Threads: {@link #onRecord} and {@link #onBatchRead} run on the consumer's thread, the one writer, and allocate
 * nothing but the occasional doubling of the kept columns; the join reads the batches from any thread.
 */
public final class ConsumerReceipts {
    private final BatchTimes batches = new BatchTimes();
    /**
     * Intended time from which records count: set at construction or by {@link #measureFrom} (a volatile store); read
     * by the consumer's thread with a volatile load per record.
     */
    private volatile long measureStartNanos;
    /** Measured records of the batch being read; the consumer's thread only. */
    private int measuredInBatch;

    public ConsumerReceipts(final long measureStartNanos) {
        this.measureStartNanos = measureStartNanos;
    }

    /** Moves the measurement start. */
    public void measureFrom(final long startNanos) {
        this.measureStartNanos = startNanos;
    }

    /** A record of the batch being read, its value at {@code valueOffset} of {@code buffer}. */
    public void onRecord(final DirectBuffer buffer, final int valueOffset, final int valueLength) {
        if (RecordId.fitsIntendedNanos(valueLength)
            && RecordId.readIntendedNanos(buffer, valueOffset) - measureStartNanos >= 0) {
            measuredInBatch++;
        }
    }

    /** The batch whose records came since the last call ends: kept if it held measured records. */
    public void onBatchRead(final int partition, final long baseOffset, final long fetchedNanos) {
        if (measuredInBatch > 0) {
            batches.add(partition, baseOffset, fetchedNanos, measuredInBatch);
            measuredInBatch = 0;
        }
    }

    BatchTimes.Snapshot batches() {
        return batches.snapshot();
    }
}
