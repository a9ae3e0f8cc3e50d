package io.ackbench.record;

import static io.ackbench.record.RecordBatchLayout.ATTRIBUTES_OFFSET;
import static io.ackbench.record.RecordBatchLayout.BASE_OFFSET_OFFSET;
import static io.ackbench.record.RecordBatchLayout.BASE_SEQUENCE_OFFSET;
import static io.ackbench.record.RecordBatchLayout.BASE_TIMESTAMP_OFFSET;
import static io.ackbench.record.RecordBatchLayout.BATCH_LENGTH_OFFSET;
import static io.ackbench.record.RecordBatchLayout.COMPRESSION_CODEC_MASK;
import static io.ackbench.record.RecordBatchLayout.CONTROL_FLAG_MASK;
import static io.ackbench.record.RecordBatchLayout.CRC_OFFSET;
import static io.ackbench.record.RecordBatchLayout.DELETE_HORIZON_FLAG_MASK;
import static io.ackbench.record.RecordBatchLayout.LAST_OFFSET_DELTA_OFFSET;
import static io.ackbench.record.RecordBatchLayout.LOG_OVERHEAD;
import static io.ackbench.record.RecordBatchLayout.MAGIC_OFFSET;
import static io.ackbench.record.RecordBatchLayout.MAGIC_V2;
import static io.ackbench.record.RecordBatchLayout.MAX_TIMESTAMP_OFFSET;
import static io.ackbench.record.RecordBatchLayout.NO_SEQUENCE;
import static io.ackbench.record.RecordBatchLayout.PARTITION_LEADER_EPOCH_OFFSET;
import static io.ackbench.record.RecordBatchLayout.PRODUCER_EPOCH_OFFSET;
import static io.ackbench.record.RecordBatchLayout.PRODUCER_ID_OFFSET;
import static io.ackbench.record.RecordBatchLayout.RECORDS_COUNT_OFFSET;
import static io.ackbench.record.RecordBatchLayout.RECORD_BATCH_OVERHEAD;
import static io.ackbench.record.RecordBatchLayout.TIMESTAMP_TYPE_MASK;
import static io.ackbench.record.RecordBatchLayout.TRANSACTIONAL_FLAG_MASK;
import static java.nio.ByteOrder.BIG_ENDIAN;

import io.ackbench.record.CorruptRecordBatchException.Check;
import org.agrona.DirectBuffer;

/**
 * Flyweight over one RecordBatch v2 in a buffer. {@link #wrap} validates the header (size,
 * batch length, magic, record count) and the CRC; {@link #records()} walks the records, checking
 * each one's structure as it goes. Failures throw {@link CorruptRecordBatchException}.
 *
 * <p>A log segment is consecutive batches; walk it with {@link #nextBatchOffset()}:
 * <pre>{@code
 * for (int at = start; at < end; at = reader.nextBatchOffset()) {
 *     reader.wrap(buffer, at, end - at);
 *     ...
 * }
 * }</pre>
 *
 * <p>Single-threaded and reusable; nothing is allocated after construction unless a check fails.
 */
public final class RecordBatchReader {
    private static final int MIN_BATCH_LENGTH = RECORD_BATCH_OVERHEAD - LOG_OVERHEAD;

    private final Crc32c crc;
    private final RecordCursor cursor = new RecordCursor();

    private DirectBuffer buffer;
    private int batchOffset;
    private int sizeInBytes;

    /** Creates a reader with its own CRC calculator. */
    public RecordBatchReader() {
        this(new Crc32c());
    }

    /**
     * @param crc the CRC calculator to validate with; it must not be used by another thread
     */
    public RecordBatchReader(Crc32c crc) {
        this.crc = crc;
    }

    /**
     * Size of the batch at {@code offset} as its batch length field states it, without any
     * validation; {@link #wrap} validates.
     *
     * @return {@code 12 + batchLength}
     */
    public static int sizeOfBatchAt(DirectBuffer buffer, int offset) {
        return LOG_OVERHEAD + buffer.getInt(offset + BATCH_LENGTH_OFFSET, BIG_ENDIAN);
    }

    /**
     * Points the reader at the batch starting at {@code offset} and validates it.
     *
     * @param buffer    holds the batch
     * @param offset    index of the batch's first byte
     * @param available bytes readable from {@code offset}; the batch may be followed by others
     * @return this
     * @throws CorruptRecordBatchException if the header is short, the batch length is below the
     *                                     header size or beyond {@code available}, the magic is not
     *                                     2, the record count is negative or the CRC differs
     */
    public RecordBatchReader wrap(DirectBuffer buffer, int offset, int available) {
        buffer.boundsCheck(offset, available);
        if (available < RECORD_BATCH_OVERHEAD) {
            throw new CorruptRecordBatchException(Check.HEADER_SIZE, offset + available,
                "Header size check failed at byte " + (offset + available) + " of batch at " + offset
                    + ": expected at least " + RECORD_BATCH_OVERHEAD + " bytes, " + available + " available");
        }
        final byte magic = buffer.getByte(offset + MAGIC_OFFSET);
        if (magic != MAGIC_V2) {
            throw new CorruptRecordBatchException(Check.MAGIC, offset + MAGIC_OFFSET,
                "Magic mismatch at byte " + (offset + MAGIC_OFFSET) + " of batch at " + offset
                    + ": expected " + MAGIC_V2 + ", found " + magic);
        }
        final int batchLength = buffer.getInt(offset + BATCH_LENGTH_OFFSET, BIG_ENDIAN);
        if (batchLength < MIN_BATCH_LENGTH || batchLength > available - LOG_OVERHEAD) {
            throw new CorruptRecordBatchException(Check.BATCH_LENGTH, offset + BATCH_LENGTH_OFFSET,
                "Batch length check failed at byte " + (offset + BATCH_LENGTH_OFFSET) + " of batch at " + offset
                    + ": expected " + MIN_BATCH_LENGTH + " to " + (available - LOG_OVERHEAD)
                    + " (" + available + " bytes available), found " + batchLength);
        }
        final int recordCount = buffer.getInt(offset + RECORDS_COUNT_OFFSET, BIG_ENDIAN);
        if (recordCount < 0) {
            throw new CorruptRecordBatchException(Check.RECORD_COUNT, offset + RECORDS_COUNT_OFFSET,
                "Record count check failed at byte " + (offset + RECORDS_COUNT_OFFSET) + " of batch at " + offset
                    + ": expected >= 0, found " + recordCount);
        }
        final int size = LOG_OVERHEAD + batchLength;
        final int stored = buffer.getInt(offset + CRC_OFFSET, BIG_ENDIAN);
        final int computed = crc.compute(buffer, offset + ATTRIBUTES_OFFSET, size - ATTRIBUTES_OFFSET);
        if (stored != computed) {
            throw new CorruptRecordBatchException(Check.CRC, offset + CRC_OFFSET,
                "CRC mismatch at byte " + (offset + CRC_OFFSET) + " of batch at " + offset
                    + ": stored 0x" + hex(stored) + ", computed 0x" + hex(computed));
        }
        this.buffer = buffer;
        this.batchOffset = offset;
        this.sizeInBytes = size;
        return this;
    }

    /**
     * Starts walking the records of the wrapped batch from the first one.
     *
     * @return the reader's one reusable cursor, reset
     * @throws UnsupportedOperationException if the batch is compressed
     */
    public RecordCursor records() {
        final int codec = compressionCodec();
        if (codec != 0) {
            throw new UnsupportedOperationException("Batch at " + batchOffset
                + " is compressed with codec " + codec + "; only uncompressed batches can be walked");
        }
        cursor.reset(buffer, batchOffset, batchOffset + sizeInBytes, recordCount(), baseOffset(),
            baseTimestamp(), isLogAppendTime(), maxTimestamp(), baseSequence());
        return cursor;
    }

    /** @return the buffer holding the wrapped batch; record cursors' offsets index into it */
    public DirectBuffer buffer() {
        return buffer;
    }

    /** @return size of the batch, {@code 12 + batchLength} */
    public int sizeInBytes() {
        return sizeInBytes;
    }

    /** @return index just past the batch, where the next batch of a log would start */
    public int nextBatchOffset() {
        return batchOffset + sizeInBytes;
    }

    /** @return the base offset */
    public long baseOffset() {
        return buffer.getLong(batchOffset + BASE_OFFSET_OFFSET, BIG_ENDIAN);
    }

    /** @return the offset of the last record, {@code baseOffset + lastOffsetDelta} */
    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    /** @return the partition leader epoch, -1 if none was stamped */
    public int partitionLeaderEpoch() {
        return buffer.getInt(batchOffset + PARTITION_LEADER_EPOCH_OFFSET, BIG_ENDIAN);
    }

    /** @return the magic byte, 2 for any wrapped batch */
    public byte magic() {
        return buffer.getByte(batchOffset + MAGIC_OFFSET);
    }

    /** @return the stored CRC-32C */
    public int checksum() {
        return buffer.getInt(batchOffset + CRC_OFFSET, BIG_ENDIAN);
    }

    /** @return the attributes field */
    public short attributes() {
        return buffer.getShort(batchOffset + ATTRIBUTES_OFFSET, BIG_ENDIAN);
    }

    /** @return the compression codec: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd */
    public int compressionCodec() {
        return attributes() & COMPRESSION_CODEC_MASK;
    }

    /** @return true for LogAppendTime, false for CreateTime */
    public boolean isLogAppendTime() {
        return (attributes() & TIMESTAMP_TYPE_MASK) != 0;
    }

    /** @return true if the batch is part of a transaction */
    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_FLAG_MASK) != 0;
    }

    /** @return true if the batch holds control records */
    public boolean isControl() {
        return (attributes() & CONTROL_FLAG_MASK) != 0;
    }

    /** @return true if the base timestamp holds the log cleaner's delete horizon */
    public boolean hasDeleteHorizon() {
        return (attributes() & DELETE_HORIZON_FLAG_MASK) != 0;
    }

    /** @return the offset delta of the last record */
    public int lastOffsetDelta() {
        return buffer.getInt(batchOffset + LAST_OFFSET_DELTA_OFFSET, BIG_ENDIAN);
    }

    /** @return the base timestamp */
    public long baseTimestamp() {
        return buffer.getLong(batchOffset + BASE_TIMESTAMP_OFFSET, BIG_ENDIAN);
    }

    /** @return the max timestamp */
    public long maxTimestamp() {
        return buffer.getLong(batchOffset + MAX_TIMESTAMP_OFFSET, BIG_ENDIAN);
    }

    /** @return the producer id, -1 if none */
    public long producerId() {
        return buffer.getLong(batchOffset + PRODUCER_ID_OFFSET, BIG_ENDIAN);
    }

    /** @return the producer epoch, -1 if none */
    public short producerEpoch() {
        return buffer.getShort(batchOffset + PRODUCER_EPOCH_OFFSET, BIG_ENDIAN);
    }

    /** @return the base sequence, -1 if none */
    public int baseSequence() {
        return buffer.getInt(batchOffset + BASE_SEQUENCE_OFFSET, BIG_ENDIAN);
    }

    /** @return the last record's sequence (wrapping past Integer.MAX_VALUE to 0), -1 if none */
    public int lastSequence() {
        return sequenceAt(baseSequence(), lastOffsetDelta());
    }

    /** @return the records count field */
    public int recordCount() {
        return buffer.getInt(batchOffset + RECORDS_COUNT_OFFSET, BIG_ENDIAN);
    }

    /**
     * Kafka's sequence arithmetic: sequences wrap from Integer.MAX_VALUE to 0.
     *
     * @return {@code baseSequence + delta} wrapped, or -1 if {@code baseSequence} is -1
     */
    static int sequenceAt(int baseSequence, int delta) {
        if (baseSequence == NO_SEQUENCE) {
            return NO_SEQUENCE;
        }
        return (int) (((long) baseSequence + delta) % ((long) Integer.MAX_VALUE + 1));
    }

    private static String hex(int value) {
        return String.format("%08X", value);
    }
}
