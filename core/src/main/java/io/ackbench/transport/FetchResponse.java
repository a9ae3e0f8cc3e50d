package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Flyweight over a Fetch response: per partition the leader's high watermark and whole record batches read from
 * its log, copied straight from the log into the frame. When the follower's last fetched epoch and fetch offset
 * diverge from the leader's history, the entry carries no records but the diverging epoch and its end offset
 * (KIP-595's {@code DivergingEpoch}), to which the follower truncates; otherwise both are {@link #NO_DIVERGENCE}.
 * <pre>
 *   0   header (FrameHeader, 12 bytes)
 *   12  int32  entryCount
 *   16  entries, each:  int32 partition | int16 errorCode | int64 highWatermark | int32 divergingEpoch
 *                       | int64 divergingEndOffset | int32 length | length bytes
 * </pre>
 */
public final class FetchResponse {
    public static final int ENTRY_COUNT_OFFSET = FrameHeader.LENGTH;
    public static final int ENTRIES_OFFSET = ENTRY_COUNT_OFFSET + 4;
    public static final int ENTRY_PARTITION_OFFSET = 0;
    public static final int ENTRY_ERROR_OFFSET = 4;
    public static final int ENTRY_HIGH_WATERMARK_OFFSET = 6;
    public static final int ENTRY_DIVERGING_EPOCH_OFFSET = 14;
    public static final int ENTRY_DIVERGING_END_OFFSET_OFFSET = 18;
    public static final int ENTRY_LENGTH_OFFSET = 26;
    public static final int ENTRY_HEADER_LENGTH = 30;
    /** Kafka's {@code -1} in both diverging fields: the fetch did not diverge. */
    public static final int NO_DIVERGENCE = -1;
    private static final String NAME = "Fetch response";

    private MutableDirectBuffer out;
    private DirectBuffer in;
    private int offset;
    private int limit;
    private int cursor;
    private int remaining;
    private int entryStart;
    private int partition;
    private short errorCode;
    private long highWatermark;
    private int divergingEpoch;
    private long divergingEndOffset;
    private int recordsLength;

    public FetchResponse wrapForEncode(final MutableDirectBuffer buffer, final int offset, final int capacity,
                                       final int correlationId, final int source) {
        this.out = buffer;
        this.in = buffer;
        this.offset = offset;
        this.limit = offset + capacity;
        FrameHeader.write(buffer, offset, FrameHeader.FETCH_RESPONSE, correlationId, source);
        buffer.putInt(offset + ENTRY_COUNT_OFFSET, 0);
        this.cursor = offset + ENTRIES_OFFSET;
        return this;
    }

    /**
     * Starts a partition's entry. The caller then copies up to {@link #roomForRecords()} bytes of batches to
     * {@link #recordsOffset()} in the buffer and calls {@link #endEntry(int)}.
     */
    public void beginEntry(final int partition, final short errorCode, final long highWatermark) {
        if (cursor + ENTRY_HEADER_LENGTH > limit) {
            throw new IllegalStateException("No room for another fetch response entry");
        }
        entryStart = cursor;
        out.putInt(cursor + ENTRY_PARTITION_OFFSET, partition);
        out.putShort(cursor + ENTRY_ERROR_OFFSET, errorCode);
        out.putLong(cursor + ENTRY_HIGH_WATERMARK_OFFSET, highWatermark);
        out.putInt(cursor + ENTRY_DIVERGING_EPOCH_OFFSET, NO_DIVERGENCE);
        out.putLong(cursor + ENTRY_DIVERGING_END_OFFSET_OFFSET, NO_DIVERGENCE);
        out.putInt(cursor + ENTRY_LENGTH_OFFSET, 0);
    }

    /** Marks the entry begun last as diverging: the follower truncates to {@code endOffset} of {@code epoch}. */
    public void diverging(final int epoch, final long endOffset) {
        out.putInt(entryStart + ENTRY_DIVERGING_EPOCH_OFFSET, epoch);
        out.putLong(entryStart + ENTRY_DIVERGING_END_OFFSET_OFFSET, endOffset);
    }

    public int recordsOffset() {
        return entryStart + ENTRY_HEADER_LENGTH;
    }

    public int roomForRecords() {
        return limit - recordsOffset();
    }

    public void endEntry(final int recordsLength) {
        out.putInt(entryStart + ENTRY_LENGTH_OFFSET, recordsLength);
        cursor = recordsOffset() + recordsLength;
        out.putInt(offset + ENTRY_COUNT_OFFSET, out.getInt(offset + ENTRY_COUNT_OFFSET) + 1);
    }

    /** Whether another entry header still fits. */
    public boolean hasRoomForEntry() {
        return cursor + ENTRY_HEADER_LENGTH <= limit;
    }

    public int encodedLength() {
        return cursor - offset;
    }

    /** @throws MalformedFrameException if the fixed part does not fit or the entry count is negative */
    public FetchResponse wrapForDecode(final DirectBuffer buffer, final int offset, final int length) {
        FrameChecks.checkFixedPart(NAME, length, ENTRIES_OFFSET);
        this.in = buffer;
        this.out = null;
        this.offset = offset;
        this.limit = offset + length;
        this.cursor = offset + ENTRIES_OFFSET;
        this.remaining = FrameChecks.entryCount(NAME, buffer, offset, ENTRY_COUNT_OFFSET);
        return this;
    }

    public int correlationId() {
        return FrameHeader.correlationId(in, offset);
    }

    public int source() {
        return FrameHeader.source(in, offset);
    }

    /** @throws MalformedFrameException if the entry runs past the end of the frame */
    public boolean nextEntry() {
        if (remaining == 0) {
            return false;
        }
        FrameChecks.checkEntryHeader(NAME, offset, limit, cursor, ENTRY_HEADER_LENGTH);
        entryStart = cursor;
        partition = in.getInt(cursor + ENTRY_PARTITION_OFFSET);
        errorCode = in.getShort(cursor + ENTRY_ERROR_OFFSET);
        highWatermark = in.getLong(cursor + ENTRY_HIGH_WATERMARK_OFFSET);
        divergingEpoch = in.getInt(cursor + ENTRY_DIVERGING_EPOCH_OFFSET);
        divergingEndOffset = in.getLong(cursor + ENTRY_DIVERGING_END_OFFSET_OFFSET);
        recordsLength = in.getInt(cursor + ENTRY_LENGTH_OFFSET);
        if (recordsLength < 0 || recordsLength > limit - recordsOffset()) {
            throw new MalformedFrameException(NAME + " entry for partition " + partition + " declares "
                + recordsLength + " bytes; the frame has " + (limit - recordsOffset()) + " left");
        }
        cursor = recordsOffset() + recordsLength;
        remaining--;
        return true;
    }

    public int partition() {
        return partition;
    }

    public short errorCode() {
        return errorCode;
    }

    public long highWatermark() {
        return highWatermark;
    }

    /** The diverging epoch, or {@link #NO_DIVERGENCE}. */
    public int divergingEpoch() {
        return divergingEpoch;
    }

    /** Where the diverging epoch ends on the leader, or {@link #NO_DIVERGENCE}. */
    public long divergingEndOffset() {
        return divergingEndOffset;
    }

    /** Whether the entry diverges: either field set (the leader may know an end offset but no epoch, or neither). */
    public boolean isDiverging() {
        return divergingEpoch != NO_DIVERGENCE || divergingEndOffset != NO_DIVERGENCE;
    }

    public DirectBuffer buffer() {
        return in;
    }

    public int recordsLength() {
        return recordsLength;
    }
}
