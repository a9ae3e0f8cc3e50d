package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Flyweight over a Produce response frame: one result per partition of the request, with the leader's timestamps
 * for the producer's stage breakdown.
 * <pre>
 *   0   header (FrameHeader, 12 bytes)
 *   12  int64  leaderReadNanos   when the leader took the request up
 *   20  int64  writtenNanos      when the leader wrote this response
 *   28  int32  entryCount
 *   32  entries, each 30 bytes:  int32 partition | int16 errorCode | int64 baseOffset (-1 on error)
 *                                | int64 appendedNanos | int64 committedNanos
 * </pre>
 * Times are the leader's {@code System.nanoTime()} (CLOCK_MONOTONIC, one clock for every process on the host), or
 * {@link #NO_TIME}. {@code appendedNanos} is when the leader had appended the batch (or found it a duplicate);
 * {@code committedNanos} when the high watermark covered it, which is {@code appendedNanos} for acks=1. An entry
 * that failed carries {@link #NO_TIME} where it has no such moment.
 */
public final class ProduceResponse {
    /** A time the leader did not take. No {@code nanoTime} is this value in practice. */
    public static final long NO_TIME = Long.MIN_VALUE;
    public static final int LEADER_READ_NANOS_OFFSET = FrameHeader.LENGTH;
    public static final int WRITTEN_NANOS_OFFSET = LEADER_READ_NANOS_OFFSET + 8;
    public static final int ENTRY_COUNT_OFFSET = WRITTEN_NANOS_OFFSET + 8;
    public static final int ENTRIES_OFFSET = ENTRY_COUNT_OFFSET + 4;
    public static final int ENTRY_PARTITION_OFFSET = 0;
    public static final int ENTRY_ERROR_OFFSET = 4;
    public static final int ENTRY_BASE_OFFSET_OFFSET = 6;
    public static final int ENTRY_APPENDED_NANOS_OFFSET = 14;
    public static final int ENTRY_COMMITTED_NANOS_OFFSET = 22;
    public static final int ENTRY_LENGTH = 30;
    private static final String NAME = "Produce response";

    private MutableDirectBuffer out;
    private DirectBuffer in;
    private int offset;
    private int count;

    public static int lengthFor(final int entries) {
        return ENTRIES_OFFSET + entries * ENTRY_LENGTH;
    }

    /** Starts a response with no entries and both request times {@link #NO_TIME}. */
    public ProduceResponse wrapForEncode(final MutableDirectBuffer buffer, final int offset,
                                         final int correlationId, final int source) {
        this.out = buffer;
        this.in = buffer;
        this.offset = offset;
        this.count = 0;
        FrameHeader.write(buffer, offset, FrameHeader.PRODUCE_RESPONSE, correlationId, source);
        buffer.putLong(offset + LEADER_READ_NANOS_OFFSET, NO_TIME);
        buffer.putLong(offset + WRITTEN_NANOS_OFFSET, NO_TIME);
        buffer.putInt(offset + ENTRY_COUNT_OFFSET, 0);
        return this;
    }

    /** An entry without times. */
    public void add(final int partition, final short errorCode, final long baseOffset) {
        add(partition, errorCode, baseOffset, NO_TIME, NO_TIME);
    }

    public void add(final int partition, final short errorCode, final long baseOffset, final long appendedNanos,
                    final long committedNanos) {
        final int at = offset + ENTRIES_OFFSET + count * ENTRY_LENGTH;
        out.putInt(at + ENTRY_PARTITION_OFFSET, partition);
        out.putShort(at + ENTRY_ERROR_OFFSET, errorCode);
        out.putLong(at + ENTRY_BASE_OFFSET_OFFSET, baseOffset);
        out.putLong(at + ENTRY_APPENDED_NANOS_OFFSET, appendedNanos);
        out.putLong(at + ENTRY_COMMITTED_NANOS_OFFSET, committedNanos);
        out.putInt(offset + ENTRY_COUNT_OFFSET, ++count);
    }

    public void leaderReadNanos(final long nanos) {
        out.putLong(offset + LEADER_READ_NANOS_OFFSET, nanos);
    }

    public void writtenNanos(final long nanos) {
        out.putLong(offset + WRITTEN_NANOS_OFFSET, nanos);
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

    /** When the leader took the request up, or {@link #NO_TIME}. */
    public long leaderReadNanos() {
        return in.getLong(offset + LEADER_READ_NANOS_OFFSET);
    }

    /** When the leader wrote this response, or {@link #NO_TIME}. */
    public long writtenNanos() {
        return in.getLong(offset + WRITTEN_NANOS_OFFSET);
    }

    public int entryCount() {
        return count;
    }

    public int partition(final int entry) {
        return in.getInt(entryAt(entry) + ENTRY_PARTITION_OFFSET);
    }

    public short errorCode(final int entry) {
        return in.getShort(entryAt(entry) + ENTRY_ERROR_OFFSET);
    }

    public long baseOffset(final int entry) {
        return in.getLong(entryAt(entry) + ENTRY_BASE_OFFSET_OFFSET);
    }

    /** When the leader had appended the entry's batch (or found it a duplicate), or {@link #NO_TIME}. */
    public long appendedNanos(final int entry) {
        return in.getLong(entryAt(entry) + ENTRY_APPENDED_NANOS_OFFSET);
    }

    /** When the high watermark covered the entry's batch (its append time for acks=1), or {@link #NO_TIME}. */
    public long committedNanos(final int entry) {
        return in.getLong(entryAt(entry) + ENTRY_COMMITTED_NANOS_OFFSET);
    }

    private int entryAt(final int entry) {
        return offset + ENTRIES_OFFSET + entry * ENTRY_LENGTH;
    }
}
