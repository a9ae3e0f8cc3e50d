package io.ackbench.record;

import static io.ackbench.record.RecordBatchLayout.ATTRIBUTES_OFFSET;
import static io.ackbench.record.RecordBatchLayout.BASE_OFFSET_OFFSET;
import static io.ackbench.record.RecordBatchLayout.BASE_SEQUENCE_OFFSET;
import static io.ackbench.record.RecordBatchLayout.BASE_TIMESTAMP_OFFSET;
import static io.ackbench.record.RecordBatchLayout.BATCH_LENGTH_OFFSET;
import static io.ackbench.record.RecordBatchLayout.CRC_OFFSET;
import static io.ackbench.record.RecordBatchLayout.LAST_OFFSET_DELTA_OFFSET;
import static io.ackbench.record.RecordBatchLayout.LOG_OVERHEAD;
import static io.ackbench.record.RecordBatchLayout.MAGIC_OFFSET;
import static io.ackbench.record.RecordBatchLayout.MAGIC_V2;
import static io.ackbench.record.RecordBatchLayout.MAX_TIMESTAMP_OFFSET;
import static io.ackbench.record.RecordBatchLayout.NO_PARTITION_LEADER_EPOCH;
import static io.ackbench.record.RecordBatchLayout.PARTITION_LEADER_EPOCH_OFFSET;
import static io.ackbench.record.RecordBatchLayout.PRODUCER_EPOCH_OFFSET;
import static io.ackbench.record.RecordBatchLayout.PRODUCER_ID_OFFSET;
import static io.ackbench.record.RecordBatchLayout.RECORDS_COUNT_OFFSET;
import static io.ackbench.record.RecordBatchLayout.RECORD_BATCH_OVERHEAD;
import static java.nio.ByteOrder.BIG_ENDIAN;

import org.agrona.MutableDirectBuffer;

/**
 * Writes the header of a producer-side batch over records that are already in place, then its
 * CRC. Stateless and allocation-free.
 */
public final class RecordBatchSealer {
    /** Producer batches are uncompressed, CreateTime, neither transactional nor control. */
    private static final short PRODUCER_ATTRIBUTES = 0;
    private static final long PRODUCER_BASE_OFFSET = 0L;

    private RecordBatchSealer() {
    }

    /**
     * Writes the whole 61-byte header of a batch whose records already sit at
     * {@code [batchOffset + 61, batchOffset + sizeInBytes)}: base offset 0, batch length
     * {@code sizeInBytes - 12}, partition leader epoch -1, magic 2, attributes 0 (no compression,
     * CreateTime), last offset delta {@code recordCount - 1}, the timestamps, producer id, epoch
     * and base sequence, and the record count; then the CRC-32C over {@code [21, sizeInBytes)}.
     *
     * @param buffer        holds the batch
     * @param batchOffset   index of the batch's first byte
     * @param sizeInBytes   size of the whole batch, header included
     * @param recordCount   number of records, with offset deltas 0 to {@code recordCount - 1}
     * @param baseTimestamp timestamp of the first record
     * @param maxTimestamp  largest record timestamp
     * @param producerId    producer id, or {@link RecordBatchLayout#NO_PRODUCER_ID}
     * @param producerEpoch producer epoch, or {@link RecordBatchLayout#NO_PRODUCER_EPOCH}
     * @param baseSequence  sequence of the first record, or {@link RecordBatchLayout#NO_SEQUENCE}
     * @param crc           this thread's CRC calculator
     */
    public static void seal(
        MutableDirectBuffer buffer,
        int batchOffset,
        int sizeInBytes,
        int recordCount,
        long baseTimestamp,
        long maxTimestamp,
        long producerId,
        short producerEpoch,
        int baseSequence,
        Crc32c crc) {
        writeHeader(buffer, batchOffset, sizeInBytes, recordCount, baseTimestamp, maxTimestamp,
            producerId, producerEpoch, baseSequence);
        writeCrc(buffer, batchOffset, sizeInBytes, crc);
    }

    /**
     * {@link #seal} without the CRC, for a caller that computes the CRC itself (the accumulator does, through
     * a view of the batch's memory that it owns, so that the intrinsic CRC path allocates nothing).
     */
    public static void writeHeader(
        MutableDirectBuffer buffer,
        int batchOffset,
        int sizeInBytes,
        int recordCount,
        long baseTimestamp,
        long maxTimestamp,
        long producerId,
        short producerEpoch,
        int baseSequence) {
        if (sizeInBytes < RECORD_BATCH_OVERHEAD) {
            throw new IllegalArgumentException(
                "sizeInBytes must be >= " + RECORD_BATCH_OVERHEAD + ", was " + sizeInBytes);
        }
        buffer.boundsCheck(batchOffset, sizeInBytes);
        // One range check for the whole header, then plain stores.
        final byte[] base = buffer.byteArray();
        final long address = buffer.addressOffset() + batchOffset;
        RawMemory.putLongBigEndian(base, address + BASE_OFFSET_OFFSET, PRODUCER_BASE_OFFSET);
        RawMemory.putIntBigEndian(base, address + BATCH_LENGTH_OFFSET, sizeInBytes - LOG_OVERHEAD);
        RawMemory.putIntBigEndian(base, address + PARTITION_LEADER_EPOCH_OFFSET, NO_PARTITION_LEADER_EPOCH);
        RawMemory.putByte(base, address + MAGIC_OFFSET, MAGIC_V2);
        RawMemory.putShortBigEndian(base, address + ATTRIBUTES_OFFSET, PRODUCER_ATTRIBUTES);
        RawMemory.putIntBigEndian(base, address + LAST_OFFSET_DELTA_OFFSET, recordCount - 1);
        RawMemory.putLongBigEndian(base, address + BASE_TIMESTAMP_OFFSET, baseTimestamp);
        RawMemory.putLongBigEndian(base, address + MAX_TIMESTAMP_OFFSET, maxTimestamp);
        RawMemory.putLongBigEndian(base, address + PRODUCER_ID_OFFSET, producerId);
        RawMemory.putShortBigEndian(base, address + PRODUCER_EPOCH_OFFSET, producerEpoch);
        RawMemory.putIntBigEndian(base, address + BASE_SEQUENCE_OFFSET, baseSequence);
        RawMemory.putIntBigEndian(base, address + RECORDS_COUNT_OFFSET, recordCount);
    }

    /**
     * Recomputes and stores the CRC of a complete batch, for a caller that changed a
     * CRC-covered header field (attributes, timestamps, producer state) in place.
     *
     * @param buffer      holds the batch
     * @param batchOffset index of the batch's first byte
     * @param sizeInBytes size of the whole batch
     * @param crc         this thread's CRC calculator
     */
    public static void writeCrc(MutableDirectBuffer buffer, int batchOffset, int sizeInBytes, Crc32c crc) {
        final int checksum = crc.compute(buffer, batchOffset + ATTRIBUTES_OFFSET, sizeInBytes - ATTRIBUTES_OFFSET);
        buffer.putInt(batchOffset + CRC_OFFSET, checksum, BIG_ENDIAN);
    }
}
