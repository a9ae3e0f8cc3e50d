package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A broker asks the controller for a block of producer ids to answer InitProducerId from (Kafka's
 * AllocateProducerIds, KIP-730). The controller records the block durably before it answers, so no id is handed out
 * twice, even by a broker or controller that restarted.
 * <pre>
 *   request:  0 header
 *   response: 0 header | 12 int16 errorCode | 14 int64 firstProducerId | 22 int32 count
 * </pre>
 */
public final class AllocateProducerIds {
    public static final int REQUEST_LENGTH = FrameHeader.LENGTH;
    public static final int ERROR_OFFSET = FrameHeader.LENGTH;
    public static final int FIRST_ID_OFFSET = ERROR_OFFSET + 2;
    public static final int COUNT_OFFSET = FIRST_ID_OFFSET + 8;
    public static final int RESPONSE_LENGTH = COUNT_OFFSET + 4;

    private AllocateProducerIds() {
    }

    public static int encodeRequest(final MutableDirectBuffer buffer, final int offset, final int correlationId,
                                    final int source) {
        FrameHeader.write(buffer, offset, FrameHeader.ALLOCATE_PRODUCER_IDS_REQUEST, correlationId, source);
        return REQUEST_LENGTH;
    }

    public static int encodeResponse(final MutableDirectBuffer buffer, final int offset, final int correlationId,
                                     final int source, final short errorCode, final long firstProducerId,
                                     final int count) {
        FrameHeader.write(buffer, offset, FrameHeader.ALLOCATE_PRODUCER_IDS_RESPONSE, correlationId, source);
        buffer.putShort(offset + ERROR_OFFSET, errorCode);
        buffer.putLong(offset + FIRST_ID_OFFSET, firstProducerId);
        buffer.putInt(offset + COUNT_OFFSET, count);
        return RESPONSE_LENGTH;
    }

    /** @throws MalformedFrameException if the response is short */
    public static void checkResponse(final int length) {
        FrameChecks.checkFixedPart("AllocateProducerIds response", length, RESPONSE_LENGTH);
    }

    public static short errorCode(final DirectBuffer buffer, final int offset) {
        return buffer.getShort(offset + ERROR_OFFSET);
    }

    public static long firstProducerId(final DirectBuffer buffer, final int offset) {
        return buffer.getLong(offset + FIRST_ID_OFFSET);
    }

    public static int count(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + COUNT_OFFSET);
    }
}
