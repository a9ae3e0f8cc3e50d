package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The controller's word on one partition, pushed to every broker after each committed change (KRaft brokers read it
 * from the metadata log; ZooKeeper-era controllers sent LeaderAndIsr and UpdateMetadata): its leader
 * ({@link #NO_LEADER} while none can be elected), leader epoch, partition epoch and committed ISR. The controller
 * also sends every partition's frame in answer to each heartbeat; a broker applies a frame whose epochs are newer
 * than what it holds and ignores the rest, so a frame sent twice, late or lost does no harm.
 * The frame names the incarnation of the broker it is for, as the controller registered it: a broker acts only on
 * frames for its own incarnation, so one that restarted is told nothing (and leads nothing) before the controller
 * has registered it again, even if a push reaches its new process first.
 * <pre>
 *   0 header | 12 int64 brokerIncarnation | 20 int32 partition | 24 int32 leader | 28 int32 leaderEpoch
 *   | 32 int32 partitionEpoch | 36 int32 isrCount | 40 int32[isrCount] isr
 * </pre>
 */
public final class LeaderAndIsr {
    public static final int NO_LEADER = -1;
    public static final int INCARNATION_OFFSET = FrameHeader.LENGTH;
    public static final int PARTITION_OFFSET = INCARNATION_OFFSET + 8;
    public static final int LEADER_OFFSET = PARTITION_OFFSET + 4;
    public static final int LEADER_EPOCH_OFFSET = LEADER_OFFSET + 4;
    public static final int PARTITION_EPOCH_OFFSET = LEADER_EPOCH_OFFSET + 4;
    public static final int ISR_COUNT_OFFSET = PARTITION_EPOCH_OFFSET + 4;
    public static final int ISR_OFFSET = ISR_COUNT_OFFSET + 4;
    private static final String FRAME = "LeaderAndIsr";

    private LeaderAndIsr() {
    }

    public static int encode(final MutableDirectBuffer buffer, final int offset, final int source,
                             final long brokerIncarnation, final int partition, final int leader, final int leaderEpoch,
                             final int partitionEpoch, final int[] isr) {
        FrameHeader.write(buffer, offset, FrameHeader.LEADER_AND_ISR, 0, source);
        buffer.putLong(offset + INCARNATION_OFFSET, brokerIncarnation);
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

    public static long brokerIncarnation(final DirectBuffer buffer, final int offset) {
        return buffer.getLong(offset + INCARNATION_OFFSET);
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
