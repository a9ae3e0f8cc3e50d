package io.ackbench.record;

/**
 * Byte layout of a Kafka RecordBatch v2 (magic 2) header and its sentinels.
 *
 * <p>All header integers are big-endian. Offsets are relative to the first byte of the batch.
 * The CRC-32C at {@link #CRC_OFFSET} covers {@code [ATTRIBUTES_OFFSET, end of batch)}, so the
 * base offset and partition leader epoch can be rewritten in place by a leader without
 * recomputing it.
 */
public final class RecordBatchLayout {
    /** int64: offset of the first record; a producer writes 0. */
    public static final int BASE_OFFSET_OFFSET = 0;
    /** int32: bytes that follow this field, that is the batch size minus {@link #LOG_OVERHEAD}. */
    public static final int BATCH_LENGTH_OFFSET = 8;
    /** int32: leader epoch stamped by the partition leader; not covered by the CRC. */
    public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    /** int8: format version, {@link #MAGIC_V2}. */
    public static final int MAGIC_OFFSET = 16;
    /** uint32: CRC-32C of the bytes from {@link #ATTRIBUTES_OFFSET} to the end of the batch. */
    public static final int CRC_OFFSET = 17;
    /** int16: compression codec, timestamp type and flags; see the {@code *_MASK} constants. */
    public static final int ATTRIBUTES_OFFSET = 21;
    /** int32: offset delta of the last record. */
    public static final int LAST_OFFSET_DELTA_OFFSET = 23;
    /** int64: timestamp of the first record (or the delete horizon when that flag is set). */
    public static final int BASE_TIMESTAMP_OFFSET = 27;
    /** int64: largest record timestamp, or the log append time. */
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    /** int64: idempotent producer id, or {@link #NO_PRODUCER_ID}. */
    public static final int PRODUCER_ID_OFFSET = 43;
    /** int16: producer epoch, or {@link #NO_PRODUCER_EPOCH}. */
    public static final int PRODUCER_EPOCH_OFFSET = 51;
    /** int32: sequence number of the first record, or {@link #NO_SEQUENCE}. */
    public static final int BASE_SEQUENCE_OFFSET = 53;
    /** int32: number of records in the batch. */
    public static final int RECORDS_COUNT_OFFSET = 57;
    /** First byte of the first record. */
    public static final int RECORDS_OFFSET = 61;

    /** Size of the batch header in bytes. */
    public static final int RECORD_BATCH_OVERHEAD = RECORDS_OFFSET;
    /** Size of the base offset and batch length fields that precede the length-counted part. */
    public static final int LOG_OVERHEAD = BATCH_LENGTH_OFFSET + 4;
    /** Upper bound of a record's fixed fields: length (5) + attributes (1) + timestamp delta (10) + offset delta (5). */
    public static final int MAX_RECORD_OVERHEAD = 21;

    /** The only format version this package reads and writes. */
    public static final byte MAGIC_V2 = 2;

    /** Attributes bits 0-2: compression codec (0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd). */
    public static final short COMPRESSION_CODEC_MASK = 0x07;
    /** Attributes bit 3: 0 = CreateTime, 1 = LogAppendTime. */
    public static final short TIMESTAMP_TYPE_MASK = 0x08;
    /** Attributes bit 4: the batch belongs to a transaction. */
    public static final short TRANSACTIONAL_FLAG_MASK = 0x10;
    /** Attributes bit 5: the batch holds control records (transaction markers). */
    public static final short CONTROL_FLAG_MASK = 0x20;
    /** Attributes bit 6: the base timestamp holds the log cleaner's delete horizon. */
    public static final short DELETE_HORIZON_FLAG_MASK = 0x40;

    /** Producer id of a non-idempotent producer. */
    public static final long NO_PRODUCER_ID = -1L;
    /** Timestamp of a batch or record without one. */
    public static final long NO_TIMESTAMP = -1L;
    /** Producer epoch of a non-idempotent producer. */
    public static final short NO_PRODUCER_EPOCH = -1;
    /** Base sequence of a non-idempotent producer. */
    public static final int NO_SEQUENCE = -1;
    /** Partition leader epoch written by a producer. */
    public static final int NO_PARTITION_LEADER_EPOCH = -1;

    /** Value of a record's length-prefixed key, value or header value length meaning null. */
    public static final int NULL_LENGTH = -1;

    private RecordBatchLayout() {
    }
}
