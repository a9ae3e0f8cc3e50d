package io.ackbench.record;

import static io.ackbench.record.RecordBatchLayout.NO_PRODUCER_EPOCH;
import static io.ackbench.record.RecordBatchLayout.NO_PRODUCER_ID;
import static io.ackbench.record.RecordBatchLayout.NO_SEQUENCE;
import static io.ackbench.record.RecordBatchLayout.NO_TIMESTAMP;
import static io.ackbench.record.RecordBatchLayout.RECORD_BATCH_OVERHEAD;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Flyweight that appends records into one RecordBatch v2 and seals it, the way Kafka's
 * {@code MemoryRecordsBuilder} does for an uncompressed CreateTime batch: offset deltas
 * 0, 1, 2, ..., base timestamp = the first record's timestamp, max timestamp = the largest.
 *
 * <p>Single-threaded and reusable: {@link #wrap} starts a new batch, and nothing is allocated
 * per record or per batch. Give it buffers that wrap a direct {@code ByteBuffer} or a
 * {@code byte[]}: their CRC runs on the CPU's CRC32 instructions, while a buffer over a raw
 * address falls back to a table-driven CRC that is many times slower (see {@link Crc32c}).
 */
public final class RecordBatchWriter {
    private final Crc32c crc;

    private MutableDirectBuffer buffer;
    // Agrona's addressing of buffer index 0, taken once per batch instead of once per record.
    private byte[] base;
    private long baseAddress;
    private int batchOffset;
    private int limit;
    private int position;
    private int recordCount;
    private long baseTimestamp;
    private long maxTimestamp;
    private long producerId;
    private short producerEpoch;
    private int baseSequence;

    /** Creates a writer with its own CRC calculator. */
    public RecordBatchWriter() {
        this(new Crc32c());
    }

    /**
     * @param crc the CRC calculator to seal with; it must not be used by another thread
     */
    public RecordBatchWriter(Crc32c crc) {
        this.crc = crc;
    }

    /**
     * Starts a new, empty batch at {@code [offset, offset + capacity)} of {@code buffer} and resets
     * the producer state to none (-1 / -1 / -1). The buffer must not be re-wrapped or resized until
     * the batch is sealed: the writer keeps its address.
     *
     * @param buffer   where the batch is written
     * @param offset   index of the batch's first byte
     * @param capacity most bytes the batch may take, at least the 61-byte header
     * @return this
     */
    public RecordBatchWriter wrap(MutableDirectBuffer buffer, int offset, int capacity) {
        if (capacity < RECORD_BATCH_OVERHEAD) {
            throw new IllegalArgumentException(
                "capacity must be >= " + RECORD_BATCH_OVERHEAD + " (the batch header), was " + capacity);
        }
        buffer.boundsCheck(offset, capacity);
        this.buffer = buffer;
        this.base = buffer.byteArray();
        this.baseAddress = buffer.addressOffset();
        this.batchOffset = offset;
        this.limit = offset + capacity;
        this.position = offset + RECORD_BATCH_OVERHEAD;
        this.recordCount = 0;
        this.baseTimestamp = NO_TIMESTAMP;
        this.maxTimestamp = NO_TIMESTAMP;
        this.producerId = NO_PRODUCER_ID;
        this.producerEpoch = NO_PRODUCER_EPOCH;
        this.baseSequence = NO_SEQUENCE;
        return this;
    }

    /**
     * Sets the idempotent producer's state for this batch; the next {@link #seal} writes it.
     * An idempotent producer assigns it when the batch is drained, not when records are appended.
     *
     * @return this
     */
    public RecordBatchWriter producerState(long producerId, short producerEpoch, int baseSequence) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        return this;
    }

    /**
     * Appends one record with the next offset delta.
     *
     * @param timestamp   record timestamp in ms, {@code >= 0} or {@link RecordBatchLayout#NO_TIMESTAMP}
     * @param key         holds the key; may be null when {@code keyLength} is -1
     * @param keyOffset   index of the key's first byte
     * @param keyLength   key length in bytes, -1 for a null key
     * @param value       holds the value; may be null when {@code valueLength} is -1
     * @param valueOffset index of the value's first byte
     * @param valueLength value length in bytes, -1 for a null value
     * @param headers     the record's headers, or null for none
     * @return true if appended; false, with the batch unchanged, if the record does not fit
     */
    public boolean append(
        long timestamp,
        DirectBuffer key,
        int keyOffset,
        int keyLength,
        DirectBuffer value,
        int valueOffset,
        int valueLength,
        RecordHeaders headers) {
        // Kafka allows any timestamp >= 0 and NO_TIMESTAMP (-1): everything below -1 is invalid.
        if (timestamp < NO_TIMESTAMP) {
            throw invalidTimestamp(timestamp);
        }
        final long batchBaseTimestamp;
        if (recordCount == 0) {
            batchBaseTimestamp = timestamp;
            baseTimestamp = timestamp;
        } else {
            batchBaseTimestamp = baseTimestamp;
        }
        final long timestampDelta = timestamp - batchBaseTimestamp;
        final int minBody = RecordEncoder.minBodySize(keyLength, valueLength, headers);
        // The length varint goes first, but sizing every field to learn it costs about as much as
        // writing them. Cheap bounds on the body give its size unless they straddle a varint size
        // step or the record may not fit; only then is the body sized exactly.
        final int lengthSize = RecordEncoder.lengthVarintSize(minBody);
        final int written;
        if (lengthSize != 0 && lengthSize + RecordEncoder.maxBodySize(minBody) <= limit - position) {
            final long start = baseAddress + position;
            written = (int) (RecordEncoder.writeLengthLast(base, start, lengthSize, recordCount, timestampDelta,
                key, keyOffset, keyLength, value, valueOffset, valueLength, headers) - start);
        } else {
            written = appendSizedExactly(timestampDelta, key, keyOffset, keyLength,
                value, valueOffset, valueLength, headers);
            if (written == 0) {
                return false;
            }
        }
        position += written;
        if (timestamp > maxTimestamp) {
            maxTimestamp = timestamp;
        }
        recordCount++;
        return true;
    }

    /** The slow path of {@link #append}: returns the record size, or 0 if it does not fit. */
    private int appendSizedExactly(
        long timestampDelta,
        DirectBuffer key,
        int keyOffset,
        int keyLength,
        DirectBuffer value,
        int valueOffset,
        int valueLength,
        RecordHeaders headers) {
        final int bodySize = RecordEncoder.bodySize(recordCount, timestampDelta, keyLength, valueLength, headers);
        final int lengthSize = Varint.sizeOfVarint(bodySize);
        if (lengthSize + bodySize > limit - position) {
            return 0;
        }
        final long start = baseAddress + position;
        return (int) (RecordEncoder.writeLengthLast(base, start, lengthSize, recordCount, timestampDelta,
            key, keyOffset, keyLength, value, valueOffset, valueLength, headers) - start);
    }

    /**
     * Writes the batch header and CRC. More records may be appended afterwards; seal again then.
     *
     * @return the size of the batch in bytes
     * @throws IllegalStateException if no record was appended: a broker rejects an empty batch
     */
    public int seal() {
        if (recordCount == 0) {
            throw new IllegalStateException("Cannot seal a batch without records");
        }
        final int size = position - batchOffset;
        RecordBatchSealer.seal(buffer, batchOffset, size, recordCount, baseTimestamp, maxTimestamp,
            producerId, producerEpoch, baseSequence, crc);
        return size;
    }

    /** @return the number of records appended since {@link #wrap} */
    public int recordCount() {
        return recordCount;
    }

    /** @return the size the batch has, header included, once sealed */
    public int sizeInBytes() {
        return position - batchOffset;
    }

    /** @return bytes still free for records */
    public int remaining() {
        return limit - position;
    }

    private static IllegalArgumentException invalidTimestamp(long timestamp) {
        return new IllegalArgumentException("Invalid negative timestamp " + timestamp);
    }

    /** @return index of the batch's first byte in {@link #buffer()} */
    public int batchOffset() {
        return batchOffset;
    }
}
