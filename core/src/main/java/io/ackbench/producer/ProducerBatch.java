package io.ackbench.producer;

import io.ackbench.record.Crc32c;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.record.RecordBatchSealer;
import io.ackbench.record.RecordEncoder;
import io.ackbench.record.RecordHeaders;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.lang.invoke.VarHandle;

/**
 * One Kafka RecordBatch v2 being filled by any number of threads at once, in an off-heap buffer that is reused
 * for the life of the producer.
 *
 * <p>Threads claim space with a CAS on one 64-bit claim word, as Aeron's term appender claims with its tail
 * counter. A Kafka record's size depends on its offset delta (a varint), so a claim must reserve the record
 * count and the byte range together: fetch-and-add on the byte tail alone cannot work here.
 * <pre>
 *   bit 63     sealed: no further claims; set exactly once per use by {@link #seal()}
 *   bits 40-62 generation: bumped on every reuse, so a thread holding a stale reference cannot claim in a
 *              later use of the same object (the ABA problem of pooled lock-free nodes)
 *   bits 24-39 record count (= the next record's offset delta)
 *   bits 0-23  write position: the end of the last claimed record, from the start of the batch
 * </pre>
 * A claimant writes its record after its CAS and then counts itself in {@code committedRecords}; the batch is
 * complete once it is sealed and every claimed record is committed. Each record's append time in
 * nanoseconds is kept off heap at {@code offsetDelta * 8} in a second buffer, for latency recording; with stage
 * recording on, the time each record's {@code send} was called is kept the same way in a third.
 */
public final class ProducerBatch {
    /** The most records a batch may hold: the width of the claim word's count field. */
    public static final int MAX_RECORDS = 0xFFFF;
    /** The smallest record Kafka can encode: null key, empty value, no headers, small deltas (7 bytes). */
    static final int MIN_RECORD_BYTES = RecordEncoder.sizeInBytes(0, 0L, -1, 0, null);

    private static final int POSITION_BITS = 24;
    private static final long POSITION_MASK = (1L << POSITION_BITS) - 1;
    private static final int COUNT_SHIFT = POSITION_BITS;
    private static final long COUNT_MASK = MAX_RECORDS;
    private static final long ONE_RECORD = 1L << COUNT_SHIFT;
    private static final int GENERATION_SHIFT = 40;
    private static final long GENERATION_MASK = (1L << 23) - 1;
    private static final long SEALED = 1L << 63;

    static final int FULL = -1;
    static final int SEALED_OR_STALE = -2;

    private static final int NANOS_BYTES = Long.BYTES;
    private static final int CACHE_LINE = 64;

    private static final VarHandle CLAIM;
    private static final VarHandle COMMITTED;
    private static final VarHandle MAX_TIMESTAMP;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            CLAIM = lookup.findVarHandle(ProducerBatch.class, "claim", long.class);
            COMMITTED = lookup.findVarHandle(ProducerBatch.class, "committedRecords", int.class);
            MAX_TIMESTAMP = lookup.findVarHandle(ProducerBatch.class, "maxTimestamp", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final UnsafeBuffer buffer;
    /** The drainer's view of {@link #buffer} for the intrinsic CRC, one per batch so that checksums allocate nothing. */
    private final ByteBuffer crcView;
    private final UnsafeBuffer appendNanos;
    /** When each record's send was called, with stage recording on; else null. Written as appendNanos is. */
    private final UnsafeBuffer sendNanos;
    private final int capacity;
    private final int maxRecords;
    private final boolean pooled;

    // Written by the opening thread before the batch is published through its partition's ring slot (a release
    // store); appenders and the drainer read them after an acquire load of that slot or of the claim word.
    private int partition;
    private long index;
    private long baseTimestamp;
    private long createdNanos;
    private long generation;

    /** The claim word (layout above). CAS by appenders and the sealer; volatile reads acquire the fields above. */
    @SuppressWarnings("unused")
    private volatile long claim;
    /** Records fully written; incremented with release semantics after a record's bytes, read by the drainer. */
    @SuppressWarnings("unused")
    private volatile int committedRecords;
    /** Largest record timestamp, raised by CAS; read by the drainer once the batch is complete. */
    @SuppressWarnings("unused")
    private volatile long maxTimestamp;

    // Set by the drainer when it closes the batch for sending; published to the sender by the hand-off.
    private int recordCount;
    private int sizeInBytes;
    private int baseSequence = RecordBatchLayout.NO_SEQUENCE;

    // The sender's bookkeeping, touched only by the sender's thread once the batch is drained.
    /** Sends that failed and were retried so far (Kafka's attempts). */
    int attempts;
    /** The earliest time the next retry may go out (retry.backoff.ms, exponential). */
    long retryAtNanos;
    // Stage stamps (BatchStages), with stage recording on: the sender's, then the leader's from its answer.
    long drainedNanos;
    long requestWrittenNanos;
    long leaderReadNanos;
    long leaderAppendedNanos;
    long leaderCommittedNanos;
    long responseWrittenNanos;

    ProducerBatch(final int capacity, final boolean pooled) {
        this(capacity, pooled, false);
    }

    /** @param sendTimes whether to keep each record's send time, for stage recording */
    ProducerBatch(final int capacity, final boolean pooled, final boolean sendTimes) {
        this.capacity = capacity;
        this.pooled = pooled;
        this.maxRecords = maxRecordsFor(capacity);
        final ByteBuffer memory = BufferUtil.allocateDirectAligned(capacity, CACHE_LINE);
        this.buffer = new UnsafeBuffer(memory);
        this.crcView = memory.duplicate();
        this.appendNanos = new UnsafeBuffer(BufferUtil.allocateDirectAligned(maxRecords * NANOS_BYTES, CACHE_LINE));
        this.sendNanos = sendTimes
            ? new UnsafeBuffer(BufferUtil.allocateDirectAligned(maxRecords * NANOS_BYTES, CACHE_LINE)) : null;
    }

    static int maxRecordsFor(final int capacity) {
        return Math.max(1, Math.min(MAX_RECORDS, (capacity - RecordBatchLayout.RECORD_BATCH_OVERHEAD) / MIN_RECORD_BYTES));
    }

    /**
     * Starts a new use of this batch for {@code partition} with its first record, written while the batch is
     * still private to the calling thread; the caller then publishes it. Returns the record's size in bytes.
     */
    int open(final int partition, final long index, final long nowNanos, final long timestamp,
             final DirectBuffer key, final int keyOffset, final int keyLength,
             final DirectBuffer value, final int valueOffset, final int valueLength,
             final RecordHeaders headers, final long appendTimeNanos, final long sendTimeNanos) {
        this.partition = partition;
        this.index = index;
        this.baseTimestamp = timestamp;
        this.createdNanos = nowNanos;
        this.generation = (generation + 1) & GENERATION_MASK;
        this.recordCount = 0;
        this.sizeInBytes = 0;
        this.baseSequence = RecordBatchLayout.NO_SEQUENCE;
        this.attempts = 0;
        this.retryAtNanos = 0;
        final int size = RecordEncoder.write(buffer, RecordBatchLayout.RECORDS_OFFSET, 0, 0L,
            key, keyOffset, keyLength, value, valueOffset, valueLength, headers);
        appendNanos.putLong(0, appendTimeNanos);
        if (sendNanos != null) {
            sendNanos.putLong(0, sendTimeNanos);
        }
        MAX_TIMESTAMP.setOpaque(this, timestamp);
        COMMITTED.setOpaque(this, 1);
        CLAIM.setVolatile(this, (generation << GENERATION_SHIFT) | ONE_RECORD
            | (RecordBatchLayout.RECORDS_OFFSET + size));
        return size;
    }

    /**
     * Claims space for one record and writes it, unless the batch is sealed, full, or no longer the batch
     * {@code (partition, index)} (the caller's reference was stale). Returns the record's size in bytes, or
     * {@link #FULL} or {@link #SEALED_OR_STALE}.
     */
    int tryAppend(final int expectedPartition, final long expectedIndex, final long timestamp,
                  final DirectBuffer key, final int keyOffset, final int keyLength,
                  final DirectBuffer value, final int valueOffset, final int valueLength,
                  final RecordHeaders headers, final long appendTimeNanos, final long sendTimeNanos) {
        long current = (long) CLAIM.getVolatile(this);
        while (true) {
            // Read after the claim word: if the CAS below succeeds, no reuse happened in between (a reuse
            // needs a seal first, which changes the word, and a new generation), so these belong to this use.
            if ((current & SEALED) != 0 || partition != expectedPartition || index != expectedIndex) {
                return SEALED_OR_STALE;
            }
            final int count = (int) ((current >>> COUNT_SHIFT) & COUNT_MASK);
            if (count >= maxRecords) {
                return FULL;
            }
            final int position = (int) (current & POSITION_MASK);
            final long timestampDelta = timestamp - baseTimestamp;
            final int size = RecordEncoder.sizeInBytes(count, timestampDelta, keyLength, valueLength, headers);
            if (position + size > capacity) {
                return FULL;
            }
            final long witness = (long) CLAIM.compareAndExchange(this, current, current + ONE_RECORD + size);
            if (witness == current) {
                RecordEncoder.write(buffer, position, count, timestampDelta,
                    key, keyOffset, keyLength, value, valueOffset, valueLength, headers);
                appendNanos.putLong(count * NANOS_BYTES, appendTimeNanos);
                if (sendNanos != null) {
                    sendNanos.putLong(count * NANOS_BYTES, sendTimeNanos);
                }
                raiseMaxTimestamp(timestamp);
                COMMITTED.getAndAdd(this, 1);
                return size;
            }
            current = witness;
        }
    }

    private void raiseMaxTimestamp(final long timestamp) {
        long max = (long) MAX_TIMESTAMP.getVolatile(this);
        while (timestamp > max) {
            final long witness = (long) MAX_TIMESTAMP.compareAndExchange(this, max, timestamp);
            if (witness == max) {
                return;
            }
            max = witness;
        }
    }

    /** Closes the batch to further claims. Returns true for the one call that sealed it. */
    boolean seal() {
        long current = (long) CLAIM.getVolatile(this);
        while ((current & SEALED) == 0) {
            final long witness = (long) CLAIM.compareAndExchange(this, current, current | SEALED);
            if (witness == current) {
                return true;
            }
            current = witness;
        }
        return false;
    }

    boolean isSealed() {
        return ((long) CLAIM.getVolatile(this) & SEALED) != 0;
    }

    /** Sealed, and every thread that claimed space has finished writing its record. */
    boolean isComplete() {
        final long current = (long) CLAIM.getVolatile(this);
        return (current & SEALED) != 0
            && (int) COMMITTED.getVolatile(this) == (int) ((current >>> COUNT_SHIFT) & COUNT_MASK);
    }

    /**
     * Writes the batch header and CRC once the batch is complete (kafka-semantics.md §1.6: producer id, epoch and base
     * sequence are fixed at drain time and kept on every retry).
     */
    void closeForSend(final long producerId, final short producerEpoch, final int baseSequence, final Crc32c crc) {
        final long current = (long) CLAIM.getVolatile(this);
        this.recordCount = (int) ((current >>> COUNT_SHIFT) & COUNT_MASK);
        this.sizeInBytes = (int) (current & POSITION_MASK);
        this.baseSequence = baseSequence;
        RecordBatchSealer.writeHeader(buffer, 0, sizeInBytes, recordCount, baseTimestamp,
            (long) MAX_TIMESTAMP.getVolatile(this), producerId, producerEpoch, baseSequence);
        final int checksum = crc.compute(crcView, RecordBatchLayout.ATTRIBUTES_OFFSET,
            sizeInBytes - RecordBatchLayout.ATTRIBUTES_OFFSET);
        buffer.putInt(RecordBatchLayout.CRC_OFFSET, checksum, ByteOrder.BIG_ENDIAN);
    }

    /**
     * Gives a batch that was closed for sending a new producer id, epoch and base sequence, and writes its header and
     * CRC again: KIP-360's restart of its partition's sequences under a new epoch (Kafka's resetProducerState). The
     * only case where a batch's sequence changes between attempts.
     */
    void resequence(final long producerId, final short producerEpoch, final int baseSequence, final Crc32c crc) {
        closeForSend(producerId, producerEpoch, baseSequence, crc);
    }

    /**
     * Fixes the record count and size of a complete batch that expired before it was drained (delivery.timeout.ms):
     * it is never sent, so it gets no header, sequence or CRC, only what its records' failure needs.
     */
    void closeExpired() {
        final long current = (long) CLAIM.getVolatile(this);
        this.recordCount = (int) ((current >>> COUNT_SHIFT) & COUNT_MASK);
        this.sizeInBytes = (int) (current & POSITION_MASK);
    }

    /** Whether delivery.timeout.ms ({@code timeoutNanos}) has passed at {@code nowNanos} since the batch was opened. */
    boolean hasExpired(final long nowNanos, final long timeoutNanos) {
        return nowNanos - createdNanos >= timeoutNanos;
    }

    /** Records claimed so far (all of them once the batch is closed for sending). */
    int claimedRecords() {
        return (int) (((long) CLAIM.getVolatile(this) >>> COUNT_SHIFT) & COUNT_MASK);
    }

    /** The buffer holding the batch at offset 0; valid bytes are [0, {@link #sizeInBytes()}) once closed. */
    public DirectBuffer buffer() {
        return buffer;
    }

    public int partition() {
        return partition;
    }

    /** This batch's position in its partition's sequence of batches (0, 1, 2, ...). */
    public long index() {
        return index;
    }

    public int recordCount() {
        return recordCount;
    }

    public int sizeInBytes() {
        return sizeInBytes;
    }

    public int baseSequence() {
        return baseSequence;
    }

    /** When the batch was opened, by the accumulator's clock. */
    public long createdNanos() {
        return createdNanos;
    }

    /** The append time, in nanoseconds, of the record at {@code offsetDelta}. */
    public long appendNanos(final int offsetDelta) {
        return appendNanos.getLong(offsetDelta * NANOS_BYTES);
    }

    /**
     * When {@code send} was called for the record at {@code offsetDelta}, with stage recording on; else its append
     * time.
     */
    public long sendNanos(final int offsetDelta) {
        return sendNanos != null ? sendNanos.getLong(offsetDelta * NANOS_BYTES) : appendNanos(offsetDelta);
    }

    public int capacity() {
        return capacity;
    }

    boolean isPooled() {
        return pooled;
    }
}
