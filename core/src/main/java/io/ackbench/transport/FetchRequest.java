package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Flyweight over a follower's Fetch request (Kafka's pull replication): the fetch offset of each partition it
 * follows from this leader, which is also the follower's log end offset, with Kafka's two epochs: the leader epoch
 * the follower believes current (KIP-320 {@code CurrentLeaderEpoch}: the leader fences an older one) and the epoch
 * of the last batch in the follower's log (KIP-595 {@code LastFetchedEpoch}: the leader checks it against its own
 * history and answers a diverging epoch instead of data). {@link #NO_EPOCH} in either skips that check.
 * <pre>
 *   0   header (FrameHeader, 12 bytes; source = the follower's broker id)
 *   12  int32  maxWaitMs    how long the leader may hold the fetch while it has no new data
 *   16  int32  maxBytes     per partition; the first batch is sent even if larger
 *   20  int32  entryCount
 *   24  entries, each 20 bytes:  int32 partition | int32 currentLeaderEpoch | int64 fetchOffset
 *                                | int32 lastFetchedEpoch
 * </pre>
 */
public final class FetchRequest {
    public static final int MAX_WAIT_MS_OFFSET = FrameHeader.LENGTH;
    public static final int MAX_BYTES_OFFSET = MAX_WAIT_MS_OFFSET + 4;
    public static final int ENTRY_COUNT_OFFSET = MAX_BYTES_OFFSET + 4;
    public static final int ENTRIES_OFFSET = ENTRY_COUNT_OFFSET + 4;
    public static final int ENTRY_PARTITION_OFFSET = 0;
    public static final int ENTRY_CURRENT_LEADER_EPOCH_OFFSET = 4;
    public static final int ENTRY_FETCH_OFFSET_OFFSET = 8;
    public static final int ENTRY_LAST_FETCHED_EPOCH_OFFSET = 16;
    public static final int ENTRY_LENGTH = 20;
    /** Kafka's {@code -1}: no epoch known, so the leader skips the check the field is for. */
    public static final int NO_EPOCH = -1;
    private static final String NAME = "Fetch request";

    private MutableDirectBuffer out;
    private DirectBuffer in;
    private int offset;
    private int count;

    public FetchRequest wrapForEncode(final MutableDirectBuffer buffer, final int offset, final int correlationId,
                                      final int source, final int maxWaitMs, final int maxBytes) {
        this.out = buffer;
        this.in = buffer;
        this.offset = offset;
        this.count = 0;
        FrameHeader.write(buffer, offset, FrameHeader.FETCH_REQUEST, correlationId, source);
        buffer.putInt(offset + MAX_WAIT_MS_OFFSET, maxWaitMs);
        buffer.putInt(offset + MAX_BYTES_OFFSET, maxBytes);
        buffer.putInt(offset + ENTRY_COUNT_OFFSET, 0);
        return this;
    }

    /** An entry with neither epoch ({@link #NO_EPOCH}): the leader checks only the offset. */
    public void add(final int partition, final long fetchOffset) {
        add(partition, NO_EPOCH, fetchOffset, NO_EPOCH);
    }

    public void add(final int partition, final int currentLeaderEpoch, final long fetchOffset,
                    final int lastFetchedEpoch) {
        final int at = offset + ENTRIES_OFFSET + count * ENTRY_LENGTH;
        out.putInt(at + ENTRY_PARTITION_OFFSET, partition);
        out.putInt(at + ENTRY_CURRENT_LEADER_EPOCH_OFFSET, currentLeaderEpoch);
        out.putLong(at + ENTRY_FETCH_OFFSET_OFFSET, fetchOffset);
        out.putInt(at + ENTRY_LAST_FETCHED_EPOCH_OFFSET, lastFetchedEpoch);
        out.putInt(offset + ENTRY_COUNT_OFFSET, ++count);
    }

    public int encodedLength() {
        return ENTRIES_OFFSET + count * ENTRY_LENGTH;
    }

    /** @throws MalformedFrameException if the declared entries do not fit {@code length} */
    public FetchRequest wrapForDecode(final DirectBuffer buffer, final int offset, final int length) {
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

    public int source() {
        return FrameHeader.source(in, offset);
    }

    public int maxWaitMs() {
        return in.getInt(offset + MAX_WAIT_MS_OFFSET);
    }

    public int maxBytes() {
        return in.getInt(offset + MAX_BYTES_OFFSET);
    }

    public int entryCount() {
        return count;
    }

    public int partition(final int entry) {
        return in.getInt(offset + ENTRIES_OFFSET + entry * ENTRY_LENGTH + ENTRY_PARTITION_OFFSET);
    }

    public long fetchOffset(final int entry) {
        return in.getLong(offset + ENTRIES_OFFSET + entry * ENTRY_LENGTH + ENTRY_FETCH_OFFSET_OFFSET);
    }

    public int currentLeaderEpoch(final int entry) {
        return in.getInt(offset + ENTRIES_OFFSET + entry * ENTRY_LENGTH + ENTRY_CURRENT_LEADER_EPOCH_OFFSET);
    }

    public int lastFetchedEpoch(final int entry) {
        return in.getInt(offset + ENTRIES_OFFSET + entry * ENTRY_LENGTH + ENTRY_LAST_FETCHED_EPOCH_OFFSET);
    }
}
