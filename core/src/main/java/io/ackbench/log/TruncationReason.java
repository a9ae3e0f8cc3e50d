package io.ackbench.log;

import io.ackbench.record.CorruptRecordBatchException;

/** Why recovery cut a segment's tail: the first check the data after the last valid batch failed. */
public enum TruncationReason {
    /** Nothing was cut: the valid batches ran to the end of the file or to a zero-filled (preallocated) tail. */
    NONE,
    /** A batch's header or its declared length runs past the end of the file: a write cut short. */
    TORN_BATCH,
    /** The magic byte is not 2. */
    MAGIC,
    /** The batch length is below the 61-byte header. */
    BATCH_LENGTH,
    /** The stored CRC-32C differs from the computed one. */
    CRC,
    /** The records count is negative. */
    RECORD_COUNT,
    /** The base offset does not continue the log, or the last offset does not fit the segment's 32-bit relative range. */
    OFFSET;

    static TruncationReason of(final CorruptRecordBatchException.Check check) {
        switch (check) {
            case HEADER_SIZE:
                return TORN_BATCH;
            case MAGIC:
                return MAGIC;
            case BATCH_LENGTH:
                return BATCH_LENGTH;
            case CRC:
                return CRC;
            case RECORD_COUNT:
                return RECORD_COUNT;
            default:
                // RecordBatchReader.wrap checks the header and CRC only; record-level checks never reach recovery.
                throw new IllegalArgumentException("not a batch-header check: " + check);
        }
    }
}
