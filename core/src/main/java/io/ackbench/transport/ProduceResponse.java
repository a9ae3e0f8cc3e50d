package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Flyweight over a Produce response frame: one result per partition of the request.
 * <pre>
 *   0   header (FrameHeader, 12 bytes)
 *   12  int32  entryCount
 *   16  entries, each 14 bytes:  int32 partition | int16 errorCode | int64 baseOffset (-1 on error)
 * </pre>
 */
public final class ProduceResponse {
    public static final int ENTRY_COUNT_OFFSET = FrameHeader.LENGTH;
    public static final int ENTRIES_OFFSET = ENTRY_COUNT_OFFSET + 4;
    public static final int ENTRY_PARTITION_OFFSET = 0;
    public static final int ENTRY_ERROR_OFFSET = 4;
    public static final int ENTRY_BASE_OFFSET_OFFSET = 6;
    public static final int ENTRY_LENGTH = 14;
    private static final String NAME = "Produce response";

    private MutableDirectBuffer out;
    private DirectBuffer in;
    private int offset;
    private int count;

    public static int lengthFor(final int entries) {
        return ENTRIES_OFFSET + entries * ENTRY_LENGTH;
    }

    public ProduceResponse wrapForEncode(final MutableDirectBuffer buffer, final int offset,
                                         final int correlationId, final int source) {
        this.out = buffer;
        this.in = buffer;
        this.offset = offset;
        this.count = 0;
        FrameHeader.write(buffer, offset, FrameHeader.PRODUCE_RESPONSE, correlationId, source);
        buffer.putInt(offset + ENTRY_COUNT_OFFSET, 0);
        return this;
    }

    public void add(final int partition, final short errorCode, final long baseOffset) {
        final int at = offset + ENTRIES_OFFSET + count * ENTRY_LENGTH;
        out.putInt(at + ENTRY_PARTITION_OFFSET, partition);
        out.putShort(at + ENTRY_ERROR_OFFSET, errorCode);
        out.putLong(at + ENTRY_BASE_OFFSET_OFFSET, baseOffset);
        out.putInt(offset + ENTRY_COUNT_OFFSET, ++count);
    }

    public int encodedLength() {
        return lengthFor(count);
    }

    /** @throws MalformedFrameException if the declared entries do not fit {@code length} */
    public ProduceResponse wrapForDecode(final DirectBuffer buffer, final int offset, final int length) {
        FrameChecks.checkFixedPart(NAME, length, ENTRIES_OFFSET);
        final int entries = FrameChecks.fixedEntryCount(NAME, buffer, offset, length, ENTRY_COUNT_OFFSET,
            ENTRIES_OFFSET, ENTRY_LENGTH);
        this.in = buffer;
        this.out = null;
        this.offset = offset;
        this.count = entries;
        return this;
    }

    public int correlationId() {
        return FrameHeader.correlationId(in, offset);
    }

    public int entryCount() {
        return count;
    }

    public int partition(final int entry) {
        return in.getInt(offset + ENTRIES_OFFSET + entry * ENTRY_LENGTH + ENTRY_PARTITION_OFFSET);
    }

    public short errorCode(final int entry) {
        return in.getShort(offset + ENTRIES_OFFSET + entry * ENTRY_LENGTH + ENTRY_ERROR_OFFSET);
    }

    public long baseOffset(final int entry) {
        return in.getLong(offset + ENTRIES_OFFSET + entry * ENTRY_LENGTH + ENTRY_BASE_OFFSET_OFFSET);
    }
}
