package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Flyweight over a Produce request frame: one record batch per partition, as Kafka's Produce v3+ requires.
 * <pre>
 *   0   header (FrameHeader, 12 bytes)
 *   12  int16  acks         -1, 0 or 1 on the wire
 *   14  int32  timeoutMs    how long the leader may wait for acks=all
 *   18  int32  entryCount
 *   22  entries, each:  int32 partition | int32 batchLength | batchLength bytes (one Kafka RecordBatch v2)
 * </pre>
 * Write with {@link #wrapForEncode} and {@link #addBatch}; read with {@link #wrapForDecode} and {@link #nextEntry}.
 */
public final class ProduceRequest {
    public static final int ACKS_OFFSET = FrameHeader.LENGTH;
    public static final int TIMEOUT_MS_OFFSET = ACKS_OFFSET + 2;
    public static final int ENTRY_COUNT_OFFSET = TIMEOUT_MS_OFFSET + 4;
    public static final int ENTRIES_OFFSET = ENTRY_COUNT_OFFSET + 4;
    public static final int ENTRY_PARTITION_OFFSET = 0;
    public static final int ENTRY_LENGTH_OFFSET = 4;
    public static final int ENTRY_HEADER_LENGTH = 8;
    private static final String NAME = "Produce request";

    private MutableDirectBuffer out;
    private DirectBuffer in;
    private int offset;
    private int limit;
    private int cursor;
    private int remaining;
    private int partition;
    private int batchOffset;
    private int batchLength;

    /** Starts a request in {@code buffer} at {@code offset}, which may hold up to {@code capacity} bytes. */
    public ProduceRequest wrapForEncode(final MutableDirectBuffer buffer, final int offset, final int capacity,
                                        final int correlationId, final int source, final short acks,
                                        final int timeoutMs) {
        this.out = buffer;
        this.in = buffer;
        this.offset = offset;
        this.limit = offset + capacity;
        FrameHeader.write(buffer, offset, FrameHeader.PRODUCE_REQUEST, correlationId, source);
        buffer.putShort(offset + ACKS_OFFSET, acks);
        buffer.putInt(offset + TIMEOUT_MS_OFFSET, timeoutMs);
        buffer.putInt(offset + ENTRY_COUNT_OFFSET, 0);
        this.cursor = offset + ENTRIES_OFFSET;
        return this;
    }

    /** Whether a batch of {@code length} bytes still fits. */
    public boolean hasRoomFor(final int length) {
        return cursor + ENTRY_HEADER_LENGTH + length <= limit;
    }

    /** Appends one partition's batch; the caller checked {@link #hasRoomFor}. */
    public void addBatch(final int partition, final DirectBuffer batch, final int batchOffset, final int length) {
        if (!hasRoomFor(length)) {
            throw new IllegalStateException("A " + length + "-byte batch does not fit the request: "
                + (limit - cursor) + " bytes left");
        }
        out.putInt(cursor + ENTRY_PARTITION_OFFSET, partition);
        out.putInt(cursor + ENTRY_LENGTH_OFFSET, length);
        out.putBytes(cursor + ENTRY_HEADER_LENGTH, batch, batchOffset, length);
        cursor += ENTRY_HEADER_LENGTH + length;
        out.putInt(offset + ENTRY_COUNT_OFFSET, out.getInt(offset + ENTRY_COUNT_OFFSET) + 1);
    }

    /** Bytes written so far, header included. */
    public int encodedLength() {
        return cursor - offset;
    }

    /**
     * Points at a received request; entries are then read one by one with {@link #nextEntry()}.
     *
     * @throws MalformedFrameException if the fixed part does not fit or the entry count is negative
     */
    public ProduceRequest wrapForDecode(final DirectBuffer buffer, final int offset, final int length) {
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

    public short acks() {
        return in.getShort(offset + ACKS_OFFSET);
    }

    public int timeoutMs() {
        return in.getInt(offset + TIMEOUT_MS_OFFSET);
    }

    public int entryCount() {
        return in.getInt(offset + ENTRY_COUNT_OFFSET);
    }

    /**
     * Walks every entry to check that each fits the frame, then rewinds to the first: a request is refused whole,
     * before any of it is acted on, as Kafka parses a request completely before appending anything.
     *
     * @throws MalformedFrameException naming the first entry that does not fit
     */
    public ProduceRequest checkEntries() {
        final int start = cursor;
        final int count = remaining;
        while (nextEntry()) {
            // nextEntry checks each entry's bounds
        }
        cursor = start;
        remaining = count;
        return this;
    }

    /**
     * Moves to the next entry. Returns false after the last one.
     *
     * @throws MalformedFrameException if the entry's header or batch runs past the end of the frame
     */
    public boolean nextEntry() {
        if (remaining == 0) {
            return false;
        }
        FrameChecks.checkEntryHeader(NAME, offset, limit, cursor, ENTRY_HEADER_LENGTH);
        partition = in.getInt(cursor + ENTRY_PARTITION_OFFSET);
        batchLength = in.getInt(cursor + ENTRY_LENGTH_OFFSET);
        batchOffset = cursor + ENTRY_HEADER_LENGTH;
        if (batchLength < 0 || batchLength > limit - batchOffset) {
            throw new MalformedFrameException(NAME + " entry for partition " + partition + " declares "
                + batchLength + " batch bytes at byte " + (batchOffset - offset) + "; the frame has "
                + (limit - batchOffset) + " left");
        }
        cursor = batchOffset + batchLength;
        remaining--;
        return true;
    }

    public int partition() {
        return partition;
    }

    public DirectBuffer buffer() {
        return in;
    }

    public int batchOffset() {
        return batchOffset;
    }

    public int batchLength() {
        return batchLength;
    }
}
