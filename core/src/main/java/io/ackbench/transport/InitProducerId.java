package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * InitProducerId for an idempotent, non-transactional producer (kafka-semantics.md §5.1): the request is a bare header;
 * the response carries a fresh producer id with epoch 0.
 * <pre>
 *   response:  0 header | 12 int16 errorCode | 14 int64 producerId | 22 int16 producerEpoch
 * </pre>
 */
public final class InitProducerId {
    public static final int REQUEST_LENGTH = FrameHeader.LENGTH;
    public static final int ERROR_OFFSET = FrameHeader.LENGTH;
    public static final int PRODUCER_ID_OFFSET = ERROR_OFFSET + 2;
    public static final int PRODUCER_EPOCH_OFFSET = PRODUCER_ID_OFFSET + 8;
    public static final int RESPONSE_LENGTH = PRODUCER_EPOCH_OFFSET + 2;

    private InitProducerId() {
    }

    public static int encodeRequest(final MutableDirectBuffer buffer, final int offset, final int correlationId,
                                    final int source) {
        FrameHeader.write(buffer, offset, FrameHeader.INIT_PRODUCER_ID_REQUEST, correlationId, source);
        return REQUEST_LENGTH;
    }

    public static int encodeResponse(final MutableDirectBuffer buffer, final int offset, final int correlationId,
                                     final int source, final short errorCode, final long producerId,
                                     final short epoch) {
        FrameHeader.write(buffer, offset, FrameHeader.INIT_PRODUCER_ID_RESPONSE, correlationId, source);
        buffer.putShort(offset + ERROR_OFFSET, errorCode);
        buffer.putLong(offset + PRODUCER_ID_OFFSET, producerId);
        buffer.putShort(offset + PRODUCER_EPOCH_OFFSET, epoch);
        return RESPONSE_LENGTH;
    }

    /** @throws MalformedFrameException if the response is short */
    public static void checkResponse(final int length) {
        if (length < RESPONSE_LENGTH) {
            throw new MalformedFrameException("InitProducerId response of " + length + " bytes; expected "
                + RESPONSE_LENGTH);
        }
    }

    public static short errorCode(final DirectBuffer buffer, final int offset) {
        return buffer.getShort(offset + ERROR_OFFSET);
    }

    public static long producerId(final DirectBuffer buffer, final int offset) {
        return buffer.getLong(offset + PRODUCER_ID_OFFSET);
    }

    public static short producerEpoch(final DirectBuffer buffer, final int offset) {
        return buffer.getShort(offset + PRODUCER_EPOCH_OFFSET);
    }
}
