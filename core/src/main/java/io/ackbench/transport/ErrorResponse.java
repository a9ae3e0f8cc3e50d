package io.ackbench.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A broker's answer to a request it refuses whole, sent just before it closes the connection: an unknown frame
 * type or version ({@link ErrorCode#UNSUPPORTED_VERSION}) or a body that does not parse
 * ({@link ErrorCode#INVALID_REQUEST}). It goes out only where the request's header was readable and its source
 * is the connection's own node, so the correlation id can be trusted; a frame too long, too short for a header,
 * or garbage before the handshake gets the close alone, as in Kafka. Nobody answers an error response.
 * <pre>
 *   0  FrameHeader   type {@link FrameHeader#ERROR_RESPONSE}, the refused request's correlation id, the broker
 *  12  int16         errorCode    why
 *  14  int16         requestType  the refused frame's type, as received
 *  16  int16         requestVersion
 * </pre>
 */
public final class ErrorResponse {
    public static final int ERROR_CODE_OFFSET = FrameHeader.LENGTH;
    public static final int REQUEST_TYPE_OFFSET = ERROR_CODE_OFFSET + Short.BYTES;
    public static final int REQUEST_VERSION_OFFSET = REQUEST_TYPE_OFFSET + Short.BYTES;
    public static final int LENGTH = REQUEST_VERSION_OFFSET + Short.BYTES;

    private ErrorResponse() {
    }

    /**
     * Writes the error response to the request whose header is at {@code requestOffset} and returns its length.
     */
    public static int encode(final MutableDirectBuffer buffer, final int offset, final DirectBuffer request,
                             final int requestOffset, final int source, final short errorCode) {
        FrameHeader.write(buffer, offset, FrameHeader.ERROR_RESPONSE,
            FrameHeader.correlationId(request, requestOffset), source);
        buffer.putShort(offset + ERROR_CODE_OFFSET, errorCode);
        buffer.putShort(offset + REQUEST_TYPE_OFFSET, FrameHeader.type(request, requestOffset));
        buffer.putShort(offset + REQUEST_VERSION_OFFSET, FrameHeader.version(request, requestOffset));
        return LENGTH;
    }

    public static void check(final int length) {
        if (length != LENGTH) {
            throw new MalformedFrameException("Error response of " + length + " bytes, expected " + LENGTH);
        }
    }

    public static short errorCode(final DirectBuffer buffer, final int offset) {
        return buffer.getShort(offset + ERROR_CODE_OFFSET);
    }

    public static short requestType(final DirectBuffer buffer, final int offset) {
        return buffer.getShort(offset + REQUEST_TYPE_OFFSET);
    }

    public static short requestVersion(final DirectBuffer buffer, final int offset) {
        return buffer.getShort(offset + REQUEST_VERSION_OFFSET);
    }

    /** One line for a log: what the broker refused and why. */
    public static String describe(final DirectBuffer buffer, final int offset) {
        return "node " + FrameHeader.source(buffer, offset) + " refused frame type " + requestType(buffer, offset)
            + " version " + requestVersion(buffer, offset) + " (correlation id "
            + FrameHeader.correlationId(buffer, offset) + ") with " + ErrorCode.name(errorCode(buffer, offset));
    }
}
