package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A leader's proposed ISR for one partition, and the controller's answer (Kafka's AlterPartition, KIP-497): the
 * leader names the leader epoch and partition epoch it holds; the controller answers with an error, or with the
 * registration it committed, whose ISR is the one the leader then applies.
 * <pre>
 *   request:  0 header | 12 int32 partition | 16 int32 leaderEpoch | 20 int32 partitionEpoch | 24 int32 isrCount
 *             | 28 int32[isrCount] isr
 *   response: 0 header | 12 int16 errorCode | 14 int32 partition | 18 int32 leader | 22 int32 leaderEpoch
 *             | 26 int32 partitionEpoch | 30 int32 isrCount | 34 int32[isrCount] isr
 * </pre>
 * The response's registration fields are meaningful only with error NONE.
 */
public final class AlterPartition {
    public static final int PARTITION_OFFSET = FrameHeader.LENGTH;
    public static final int LEADER_EPOCH_OFFSET = PARTITION_OFFSET + 4;
    public static final int PARTITION_EPOCH_OFFSET = LEADER_EPOCH_OFFSET + 4;
    public static final int ISR_COUNT_OFFSET = PARTITION_EPOCH_OFFSET + 4;
    public static final int ISR_OFFSET = ISR_COUNT_OFFSET + 4;

    public static final int RESPONSE_ERROR_OFFSET = FrameHeader.LENGTH;
    public static final int RESPONSE_PARTITION_OFFSET = RESPONSE_ERROR_OFFSET + 2;
    public static final int RESPONSE_LEADER_OFFSET = RESPONSE_PARTITION_OFFSET + 4;
    public static final int RESPONSE_LEADER_EPOCH_OFFSET = RESPONSE_LEADER_OFFSET + 4;
    public static final int RESPONSE_PARTITION_EPOCH_OFFSET = RESPONSE_LEADER_EPOCH_OFFSET + 4;
    public static final int RESPONSE_ISR_COUNT_OFFSET = RESPONSE_PARTITION_EPOCH_OFFSET + 4;
    public static final int RESPONSE_ISR_OFFSET = RESPONSE_ISR_COUNT_OFFSET + 4;

    private static final String REQUEST = "AlterPartition request";
    private static final String RESPONSE = "AlterPartition response";

    private AlterPartition() {
    }

    public static int encodeRequest(final MutableDirectBuffer buffer, final int offset, final int correlationId,
                                    final int source, final int partition, final int leaderEpoch,
                                    final int partitionEpoch, final int[] isr) {
        FrameHeader.write(buffer, offset, FrameHeader.ALTER_PARTITION_REQUEST, correlationId, source);
        buffer.putInt(offset + PARTITION_OFFSET, partition);
        buffer.putInt(offset + LEADER_EPOCH_OFFSET, leaderEpoch);
        buffer.putInt(offset + PARTITION_EPOCH_OFFSET, partitionEpoch);
        return ISR_COUNT_OFFSET + IsrList.put(buffer, offset + ISR_COUNT_OFFSET, isr);
    }

    /** @throws MalformedFrameException if the fixed part or the ISR does not fit {@code length} */
    public static void checkRequest(final DirectBuffer buffer, final int offset, final int length) {
        FrameChecks.checkFixedPart(REQUEST, length, ISR_OFFSET);
        FrameChecks.fixedEntryCount(REQUEST, buffer, offset, length, ISR_COUNT_OFFSET, ISR_OFFSET, 4);
    }

    public static int partition(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + PARTITION_OFFSET);
    }

    public static int leaderEpoch(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + LEADER_EPOCH_OFFSET);
    }

    public static int partitionEpoch(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + PARTITION_EPOCH_OFFSET);
    }

    /** The proposed ISR, a new array. Call {@link #checkRequest} first. */
    public static int[] isr(final DirectBuffer buffer, final int offset) {
        return IsrList.get(buffer, offset + ISR_COUNT_OFFSET);
    }

    /** A response; with an error, pass -1 and an empty ISR for the registration. */
    public static int encodeResponse(final MutableDirectBuffer buffer, final int offset, final int correlationId,
                                     final int source, final short errorCode, final int partition, final int leader,
                                     final int leaderEpoch, final int partitionEpoch, final int[] isr) {
        FrameHeader.write(buffer, offset, FrameHeader.ALTER_PARTITION_RESPONSE, correlationId, source);
        buffer.putShort(offset + RESPONSE_ERROR_OFFSET, errorCode);
        buffer.putInt(offset + RESPONSE_PARTITION_OFFSET, partition);
        buffer.putInt(offset + RESPONSE_LEADER_OFFSET, leader);
        buffer.putInt(offset + RESPONSE_LEADER_EPOCH_OFFSET, leaderEpoch);
        buffer.putInt(offset + RESPONSE_PARTITION_EPOCH_OFFSET, partitionEpoch);
        return RESPONSE_ISR_COUNT_OFFSET + IsrList.put(buffer, offset + RESPONSE_ISR_COUNT_OFFSET, isr);
    }

    /** @throws MalformedFrameException if the fixed part or the ISR does not fit {@code length} */
    public static void checkResponse(final DirectBuffer buffer, final int offset, final int length) {
        FrameChecks.checkFixedPart(RESPONSE, length, RESPONSE_ISR_OFFSET);
        FrameChecks.fixedEntryCount(RESPONSE, buffer, offset, length, RESPONSE_ISR_COUNT_OFFSET,
            RESPONSE_ISR_OFFSET, 4);
    }

    public static short responseError(final DirectBuffer buffer, final int offset) {
        return buffer.getShort(offset + RESPONSE_ERROR_OFFSET);
    }

    public static int responsePartition(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + RESPONSE_PARTITION_OFFSET);
    }

    public static int responseLeader(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + RESPONSE_LEADER_OFFSET);
    }

    public static int responseLeaderEpoch(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + RESPONSE_LEADER_EPOCH_OFFSET);
    }

    public static int responsePartitionEpoch(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + RESPONSE_PARTITION_EPOCH_OFFSET);
    }

    /** The committed ISR, a new array. Call {@link #checkResponse} first. */
    public static int[] responseIsr(final DirectBuffer buffer, final int offset) {
        return IsrList.get(buffer, offset + RESPONSE_ISR_COUNT_OFFSET);
    }
}
