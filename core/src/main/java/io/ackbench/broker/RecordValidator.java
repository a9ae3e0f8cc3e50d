package io.ackbench.broker;

import io.ackbench.record.CorruptRecordBatchException;
import io.ackbench.record.Crc32c;
import io.ackbench.record.RecordBatchLayout;
import io.ackbench.record.RecordBatchReader;
import io.ackbench.record.RecordBatchSealer;
import io.ackbench.record.RecordCursor;
import io.ackbench.transport.ErrorCode;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The leader's walk over every record of an uncompressed client batch, Kafka's
 * {@code LogValidator.assignOffsetsNonCompressed} with {@code DefaultRecordBatch}'s iterator and
 * {@code DefaultRecord.readFrom} (kafka-semantics.md §1.6), for a topic with CreateTime timestamps:
 * <ul>
 *   <li>each record's structure ({@link RecordCursor#next()}: a length varint that matches the bytes its fields take,
 *       key, value and header lengths inside the record, no null header key), the declared count of records ending
 *       exactly at the batch's end, and each record's offset delta equal to its index: INVALID_RECORD at the first
 *       that fails;</li>
 *   <li>each record's timestamp, unless it is -1, within [now − {@code message.timestamp.before.max.ms},
 *       now + {@code message.timestamp.after.max.ms}]; a LogAppendTime batch stands for its maxTimestamp in every
 *       record, as in Kafka, and with maxTimestamp -1 fails: INVALID_TIMESTAMP once all records were walked, so a
 *       malformed record later in the batch still makes it INVALID_RECORD, as Kafka's collected record errors do;</li>
 *   <li>then, as Kafka's {@code setMaxTimestamp(CREATE_TIME, ...)}: when the batch's maxTimestamp is not the largest
 *       record timestamp, or the LogAppendTime bit is set, the header is rewritten in place (bit cleared, maxTimestamp
 *       the largest) and the CRC recomputed.</li>
 * </ul>
 * Kafka's uncompressed path does not compare offset deltas with record indexes (only its compressed path notices, and
 * rebuilds the batch); ackbench refuses such a batch because its consumers number records by offset delta.
 * Compressed batches are not walked. One instance per broker thread; nothing is allocated unless a record fails
 * (the cursor's exception carries a message).
 */
final class RecordValidator {
    private final long timestampBeforeMaxMs;
    private final long timestampAfterMaxMs;
    /** The CRC calculator of the broker thread's batch reader, for the rare rewrite. */
    private final Crc32c crc;

    RecordValidator(final long timestampBeforeMaxMs, final long timestampAfterMaxMs, final Crc32c crc) {
        if (timestampBeforeMaxMs < 0 || timestampAfterMaxMs < 0) {
            throw new IllegalArgumentException("Timestamp limits must not be negative: before "
                + timestampBeforeMaxMs + ", after " + timestampAfterMaxMs);
        }
        this.timestampBeforeMaxMs = timestampBeforeMaxMs;
        this.timestampAfterMaxMs = timestampAfterMaxMs;
        this.crc = crc;
    }

    /**
     * Walks the records of the batch {@code reader} wraps, whose header and CRC were checked, and fixes its
     * maxTimestamp as Kafka does.
     *
     * @param nowMs the broker's wall clock, read once for the batch
     * @return {@link ErrorCode#NONE}, {@link ErrorCode#INVALID_RECORD} or {@link ErrorCode#INVALID_TIMESTAMP}
     */
    short validate(final RecordBatchReader reader, final long nowMs) {
        if (reader.compressionCodec() != 0) {
            return ErrorCode.NONE;
        }
        final long earliest = saturatedSubtract(nowMs, timestampBeforeMaxMs);
        final long latest = saturatedAdd(nowMs, timestampAfterMaxMs);
        final boolean logAppendTime = reader.isLogAppendTime();
        final RecordCursor records = reader.records();
        long maxTimestamp = RecordBatchLayout.NO_TIMESTAMP;
        boolean timestampOutOfRange = false;
        int index = 0;
        try {
            while (records.next()) {
                if (records.offsetDelta() != index) {
                    return ErrorCode.INVALID_RECORD;
                }
                final long timestamp = records.timestamp();
                if (timestamp != RecordBatchLayout.NO_TIMESTAMP) {
                    timestampOutOfRange |= timestamp < earliest || timestamp > latest;
                } else if (logAppendTime) {
                    timestampOutOfRange = true; // Kafka: a producer must not set LogAppendTime
                }
                maxTimestamp = Math.max(maxTimestamp, timestamp);
                index++;
            }
        } catch (final CorruptRecordBatchException e) {
            return ErrorCode.INVALID_RECORD;
        }
        if (timestampOutOfRange) {
            return ErrorCode.INVALID_TIMESTAMP;
        }
        if (logAppendTime || reader.maxTimestamp() != maxTimestamp) {
            return rewriteMaxTimestamp(reader, maxTimestamp);
        }
        return ErrorCode.NONE;
    }

    /**
     * Kafka's {@code DefaultRecordBatch.setMaxTimestamp(CREATE_TIME, max)}: CreateTime in the attributes, the largest
     * record timestamp in the header, a new CRC. Both transports hand the broker frames in memory it may write (a
     * ring slot it has not released, a receive buffer); a read-only buffer could not be fixed, so the batch is refused.
     */
    private short rewriteMaxTimestamp(final RecordBatchReader reader, final long maxTimestamp) {
        if (!(reader.buffer() instanceof MutableDirectBuffer)) {
            return ErrorCode.INVALID_RECORD;
        }
        final MutableDirectBuffer buffer = (MutableDirectBuffer) reader.buffer();
        final int batchOffset = reader.nextBatchOffset() - reader.sizeInBytes();
        buffer.putShort(batchOffset + RecordBatchLayout.ATTRIBUTES_OFFSET,
            (short) (reader.attributes() & ~RecordBatchLayout.TIMESTAMP_TYPE_MASK), BIG_ENDIAN);
        buffer.putLong(batchOffset + RecordBatchLayout.MAX_TIMESTAMP_OFFSET, maxTimestamp, BIG_ENDIAN);
        RecordBatchSealer.writeCrc(buffer, batchOffset, reader.sizeInBytes(), crc);
        return ErrorCode.NONE;
    }

    /** {@code a - b} for {@code b >= 0}, Long.MIN_VALUE where it would wrap. */
    static long saturatedSubtract(final long a, final long b) {
        final long difference = a - b;
        return difference > a ? Long.MIN_VALUE : difference;
    }

    /** {@code a + b} for {@code b >= 0}, Long.MAX_VALUE where it would wrap. */
    static long saturatedAdd(final long a, final long b) {
        final long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }
}
