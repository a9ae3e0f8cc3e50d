package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The controller's word on one partition, pushed to every broker after each committed change (KRaft brokers read it
 * from the metadata log; ZooKeeper-era controllers sent LeaderAndIsr and UpdateMetadata): its leader
 * ({@link #NO_LEADER} while none can be elected), leader epoch, partition epoch and committed ISR. The controller
 * also sends every partition's frame in answer to each heartbeat; a broker applies a frame whose epochs are newer
 * than what it holds and ignores the rest, so a frame sent twice, late or lost does no harm.
 * <pre>
 *   0 header | 12 int32 partition | 16 int32 leader | 20 int32 leaderEpoch | 24 int32 partitionEpoch
 *   | 28 int32 isrCount | 32 int32[isrCount] isr
 * </pre>
 */
public final class LeaderAndIsr {
    public static final int NO_LEADER = -1;
    public static final int PARTITION_OFFSET = FrameHeader.LENGTH;
    public static final int LEADER_OFFSET = PARTITION_OFFSET + 4;
    public static final int LEADER_EPOCH_OFFSET = LEADER_OFFSET + 4;
    public static final int PARTITION_EPOCH_OFFSET = LEADER_EPOCH_OFFSET + 4;
    public static final int ISR_COUNT_OFFSET = PARTITION_EPOCH_OFFSET + 4;
    public static final int ISR_OFFSET = ISR_COUNT_OFFSET + 4;
    private static final String FRAME = "LeaderAndIsr";

    private LeaderAndIsr() {
    }

    public static int encode(final MutableDirectBuffer buffer, final int offset, final int source,
                             final int partition, final int leader, final int leaderEpoch,
                             final int partitionEpoch, final int[] isr) {
        FrameHeader.write(buffer, offset, FrameHeader.LEADER_AND_ISR, 0, source);
        buffer.putInt(offset + PARTITION_OFFSET, partition);
        buffer.putInt(offset + LEADER_OFFSET, leader);
        buffer.putInt(offset + LEADER_EPOCH_OFFSET, leaderEpoch);
        buffer.putInt(offset + PARTITION_EPOCH_OFFSET, partitionEpoch);
        return ISR_COUNT_OFFSET + IsrList.put(buffer, offset + ISR_COUNT_OFFSET, isr);
    }

    /** @throws MalformedFrameException if the fixed part or the ISR does not fit {@code length} */
    public static void check(final DirectBuffer buffer, final int offset, final int length) {
        FrameChecks.checkFixedPart(FRAME, length, ISR_OFFSET);
        FrameChecks.fixedEntryCount(FRAME, buffer, offset, length, ISR_COUNT_OFFSET, ISR_OFFSET, 4);
    }

    public static int partition(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + PARTITION_OFFSET);
    }

    public static int leader(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + LEADER_OFFSET);
    }

    public static int leaderEpoch(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + LEADER_EPOCH_OFFSET);
    }

    public static int partitionEpoch(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + PARTITION_EPOCH_OFFSET);
    }

    /** The committed ISR, a new array: cold path. Call {@link #check} first. */
    public static int[] isr(final DirectBuffer buffer, final int offset) {
        return IsrList.get(buffer, offset + ISR_COUNT_OFFSET);
    }
}
